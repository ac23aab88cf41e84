import { z } from "zod";

/** The forms of /admin/deletions (messages are catalog keys). */
export const confirmDeletionSchema = z.object({
  intent: z.literal("confirm"),
  id: z.string().min(1),
  understood: z.boolean({ required_error: "people.deletions.errors.understood" }).refine((v) => v, "people.deletions.errors.understood"),
});

export const cancelDeletionSchema = z.object({ intent: z.literal("cancel"), id: z.string().min(1) });

export const deletionAdminSchema = z.discriminatedUnion("intent", [confirmDeletionSchema, cancelDeletionSchema]);

/** The person's own forms on /me/data. */
export const ownDeletionSchema = z.object({ intent: z.enum(["request", "withdraw"]) });
