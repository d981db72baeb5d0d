/**
 * Turns a package's lifecycle JSON into an XState v5 machine. The JSON is an
 * XState config already; `setup()` binds each guard type of the registry, and
 * every guard reads the `env` the engine attaches to the event. No actions,
 * no `after` delays: the machine only decides, the engine does the rest.
 */
import { setup } from "xstate";
import { GUARDS, evaluateGuard } from "./guards";
import type { GuardEnv } from "./types";

export type LifecycleEvent = { type: string; env: GuardEnv };

type GuardImpl = (args: { event: LifecycleEvent }, params: Record<string, unknown> | undefined) => boolean;

const guardImplementations: Record<string, GuardImpl> = Object.fromEntries(
  Object.keys(GUARDS).map((type) => [
    type,
    ((args, params) => evaluateGuard({ type, params: params ?? {} }, args.event.env).ok) satisfies GuardImpl,
  ]),
);

export function buildMachine(definition: Record<string, unknown>) {
  const { $schema: _ignored, ...config } = definition;
  return setup({
    types: {} as { events: LifecycleEvent },
    guards: guardImplementations,
  }).createMachine(config as never);
}

export type BuiltMachine = ReturnType<typeof buildMachine>;
