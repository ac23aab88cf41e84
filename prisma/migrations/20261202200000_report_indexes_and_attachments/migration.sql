-- Report indexes: one per thing a report groups by, holding the person and
-- the filters every report applies, so that distinct people per group are
-- counted from the index in order (docs/decisions/016-report-indexes.md).
DROP INDEX "TrainingRecord_year_month_idx";
DROP INDEX "TrainingRecord_courseId_occurredAt_idx";
DROP INDEX "TrainingRecord_organisationId_occurredAt_idx";
DROP INDEX "TrainingRecord_userId_idx";
CREATE INDEX "TrainingRecord_report_person_idx" ON "TrainingRecord"("userId", "kind", "year", "month", "validUntil", "courseId", "theme", "modality", "organisationId", "organisationType", "sex", "ageBand", "profession", "regionId", "city");
CREATE INDEX "TrainingRecord_report_year_idx" ON "TrainingRecord"("year", "userId", "kind", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_month_idx" ON "TrainingRecord"("year", "month", "userId", "kind", "validUntil");
CREATE INDEX "TrainingRecord_report_course_idx" ON "TrainingRecord"("courseId", "theme", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_modality_idx" ON "TrainingRecord"("modality", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_organisation_idx" ON "TrainingRecord"("organisationId", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_organisationType_idx" ON "TrainingRecord"("organisationType", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_profession_idx" ON "TrainingRecord"("profession", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_sex_idx" ON "TrainingRecord"("sex", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_ageBand_idx" ON "TrainingRecord"("ageBand", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_region_idx" ON "TrainingRecord"("regionId", "userId", "kind", "year", "month", "validUntil");
CREATE INDEX "TrainingRecord_report_city_idx" ON "TrainingRecord"("city", "userId", "kind", "year", "month", "validUntil");

-- Files sent with an email: a scheduled report's XLSX or CSV.
CREATE TABLE "OutboxAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "emailId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    CONSTRAINT "OutboxAttachment_emailId_fkey" FOREIGN KEY ("emailId") REFERENCES "OutboxEmail" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "OutboxAttachment_emailId_idx" ON "OutboxAttachment"("emailId");

-- One open deletion request per person: the code checks it inside a
-- transaction, which is enough on SQLite (one writer); this makes the
-- database refuse a second one on PostgreSQL too.
CREATE UNIQUE INDEX "DeletionRequest_one_open_per_user_key" ON "DeletionRequest"("userId") WHERE "status" = 'requested';
