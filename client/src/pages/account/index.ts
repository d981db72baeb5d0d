/**
 * The account pages (sign-up, password, invitation, my account), one small
 * chunk that every kind of person may need; the shell loads each page lazily.
 */
export { default as SignupPage } from "./signup-page";
export { default as SignupVerifyPage } from "./signup-verify-page";
export { default as ForgotPasswordPage } from "./forgot-password-page";
export { default as ResetPasswordPage } from "./reset-password-page";
export { default as InvitationPage } from "./invitation-page";
export { default as AccountPage } from "./account-page";
