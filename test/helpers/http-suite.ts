/**
 * One test file's HTTP set-up: a fresh app and database before the file's
 * tests, the named people signed in (a key per person, the value the name
 * `setupHttp` knows them by), cleaned up after; and `json`, a response's
 * body once its status is the one expected (the body is in the message when
 * it is not).
 */
import { afterAll, beforeAll, expect } from "vitest";
import { setupHttp, type Client } from "./http-setup";

export type Http = Awaited<ReturnType<typeof setupHttp>>;

/** Filled in by `beforeAll`: read its fields inside the tests only. */
export function httpSuite<const K extends string>(people: Record<K, string>): { http: Http } & Record<K, Client> {
  const suite = {} as { http: Http } & Record<K, Client>;
  beforeAll(async () => {
    suite.http = await setupHttp();
    const entries = Object.entries(people) as Array<[K, string]>;
    const clients = await Promise.all(entries.map(([, name]) => suite.http.login(name)));
    entries.forEach(([key], i) => { (suite as Record<K, Client>)[key] = clients[i]!; });
  }, 30_000);
  afterAll(async () => { await suite.http.cleanup(); });
  return suite;
}

export const json = async <T = any>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
};
