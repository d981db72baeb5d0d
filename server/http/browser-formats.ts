/**
 * The string formats of the browser's precompiled validators (see
 * browser-validators.ts): ajv-formats' full set plus Guichet's own, bundled
 * into each validator module.
 */
import { fullFormats } from "ajv-formats/dist/formats.js";
import { CUSTOM_FORMATS } from "../engine/formats";

export const formats = { ...fullFormats, ...CUSTOM_FORMATS };
