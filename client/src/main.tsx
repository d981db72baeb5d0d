/** Entry point: DSFR's behaviours (menus, modals) started once, then the app. */
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Link } from "wouter";
import { App } from "./app";
import "./app.css";

startReactDsfr({ defaultColorScheme: "light", Link: Link as never });

createRoot(document.getElementById("root")!).render(<StrictMode><App /></StrictMode>);
