import { afterEach, describe, expect, it } from "vitest";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import { loader } from "~/routes/dev.mail";
import { enqueueEmail } from "./outbox.server";

const args = () => ({ request: new Request("http://localhost/dev/mail"), context: {}, params: {} });
const realNodeEnv = env.NODE_ENV;
afterEach(() => {
  env.NODE_ENV = realNodeEnv;
});

describe("/dev/mail", () => {
  it("lists the outbox newest first outside production", async () => {
    const first = await enqueueEmail({ to: "first@example.ma", subject: "Premier", text: "1" });
    await enqueueEmail({ to: "second@example.ma", subject: "Second", text: "2" });
    // Written in the same millisecond, they would tie: the first is a minute older.
    await db.outboxEmail.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const { emails } = await loader(args());
    expect(emails.map((e) => e.subject).slice(0, 2)).toEqual(["Second", "Premier"]);
  });

  it("does not exist in production", async () => {
    env.NODE_ENV = "production";
    const thrown = await loader(args()).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
