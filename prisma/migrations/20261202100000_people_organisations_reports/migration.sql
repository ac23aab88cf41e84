-- People, organisations, cohorts, training sessions and the training records every report reads (issue 7).
-- Existing data is kept:
-- * users keep their email (now optional) and gain an optional phone and a deletion date; the global role
--   "manager" goes (being a manager is now a membership of an organisation): such accounts become learners;
-- * every course gets its open cohort, every enrolment goes into it, and rows that belonged to a person and a
--   course (lesson progress, quiz attempts, submissions, completions) now belong to that enrolment, one being
--   made where none existed;
-- * every completion already recorded becomes a training record.

-- Existing global managers become learners: their organisation will make them managers again.
UPDATE "User" SET "role" = 'learner' WHERE "role" NOT IN ('learner', 'reviewer', 'admin');

-- RedefineTable: User
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "phone" TEXT,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "role" TEXT NOT NULL DEFAULT 'learner',
    "consentedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("id", "email", "name", "locale", "role", "consentedAt", "createdAt", "updatedAt")
SELECT "id", "email", "name", "locale", "role", "consentedAt", "createdAt", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

-- CreateTable
CREATE TABLE "Cohort" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "inviteCode" TEXT NOT NULL,
    "capacity" INTEGER,
    "isOpen" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Cohort_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Cohort_inviteCode_key" ON "Cohort"("inviteCode");
CREATE INDEX "Cohort_courseId_idx" ON "Cohort"("courseId");
-- One open cohort per course (a partial index: Prisma's schema language cannot say it; see tests/setup/schema-compare.ts).
CREATE UNIQUE INDEX "Cohort_one_open_per_course_key" ON "Cohort"("courseId") WHERE "isOpen";

-- Every course's open cohort. Invite codes: 10 hex digits, all Crockford base32 symbols.
INSERT INTO "Cohort" ("id", "courseId", "name", "inviteCode", "isOpen", "createdAt")
SELECT 'open_' || "id", "id", 'Open enrolment', upper(hex(randomblob(5))), 1, strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now') FROM "Course";

-- RedefineTable: Enrolment, now inside a cohort
CREATE TABLE "new_Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "enrolledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Enrolment" ("id", "userId", "courseId", "cohortId", "enrolledAt")
SELECT "id", "userId", "courseId", 'open_' || "courseId", "enrolledAt" FROM "Enrolment";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";

-- A person with progress, attempts, submissions or a completion in a course they were never enrolled in gets the
-- enrolment those rows now need, dated by the earliest of them.
INSERT INTO "Enrolment" ("id", "userId", "courseId", "cohortId", "enrolledAt")
SELECT 'mig_' || lower(hex(randomblob(12))), "userId", "courseId", 'open_' || "courseId", MIN("at")
FROM (
    SELECT "userId", "courseId", "startedAt" AS "at" FROM "LessonProgress"
    UNION ALL SELECT "userId", "courseId", "startedAt" FROM "QuizAttempt"
    UNION ALL SELECT "userId", "courseId", "submittedAt" FROM "Submission"
    UNION ALL SELECT "userId", "courseId", "completedAt" FROM "Completion"
) AS "rows"
WHERE NOT EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = "rows"."userId" AND e."courseId" = "rows"."courseId")
GROUP BY "userId", "courseId";

CREATE UNIQUE INDEX "Enrolment_userId_cohortId_key" ON "Enrolment"("userId", "cohortId");
CREATE INDEX "Enrolment_courseId_idx" ON "Enrolment"("courseId");
CREATE INDEX "Enrolment_cohortId_idx" ON "Enrolment"("cohortId");
CREATE INDEX "Enrolment_userId_courseId_enrolledAt_idx" ON "Enrolment"("userId", "courseId", "enrolledAt");

-- RedefineTable: LessonProgress, per enrolment
CREATE TABLE "new_LessonProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastViewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "LessonProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LessonProgress_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LessonProgress_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LessonProgress" ("id", "userId", "courseId", "enrolmentId", "lessonId", "startedAt", "lastViewedAt", "completedAt")
SELECT p."id", p."userId", p."courseId", e."id", p."lessonId", p."startedAt", p."lastViewedAt", p."completedAt"
FROM "LessonProgress" p JOIN "Enrolment" e ON e."userId" = p."userId" AND e."courseId" = p."courseId";
DROP TABLE "LessonProgress";
ALTER TABLE "new_LessonProgress" RENAME TO "LessonProgress";
CREATE UNIQUE INDEX "LessonProgress_enrolmentId_lessonId_key" ON "LessonProgress"("enrolmentId", "lessonId");
CREATE INDEX "LessonProgress_courseId_idx" ON "LessonProgress"("courseId");
CREATE INDEX "LessonProgress_userId_courseId_idx" ON "LessonProgress"("userId", "courseId");

-- RedefineTable: QuizAttempt, per enrolment
CREATE TABLE "new_QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "courseVersion" TEXT NOT NULL,
    "locale" TEXT,
    "seed" TEXT NOT NULL,
    "questionIds" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "score" REAL,
    "maxScore" REAL,
    "percent" REAL,
    "passed" BOOLEAN,
    "results" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME,
    "submittedAt" DATETIME,
    CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuizAttempt_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuizAttempt_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuizAttempt" ("id", "userId", "courseId", "enrolmentId", "quizId", "number", "courseVersion", "locale", "seed", "questionIds", "answers", "status", "score", "maxScore", "percent", "passed", "results", "startedAt", "deadlineAt", "submittedAt")
SELECT a."id", a."userId", a."courseId", e."id", a."quizId", a."number", a."courseVersion", a."locale", a."seed", a."questionIds", a."answers", a."status", a."score", a."maxScore", a."percent", a."passed", a."results", a."startedAt", a."deadlineAt", a."submittedAt"
FROM "QuizAttempt" a JOIN "Enrolment" e ON e."userId" = a."userId" AND e."courseId" = a."courseId";
DROP TABLE "QuizAttempt";
ALTER TABLE "new_QuizAttempt" RENAME TO "QuizAttempt";
CREATE UNIQUE INDEX "QuizAttempt_enrolmentId_quizId_number_key" ON "QuizAttempt"("enrolmentId", "quizId", "number");
CREATE INDEX "QuizAttempt_courseId_quizId_status_idx" ON "QuizAttempt"("courseId", "quizId", "status");
CREATE INDEX "QuizAttempt_userId_courseId_idx" ON "QuizAttempt"("userId", "courseId");

-- RedefineTable: Submission, per enrolment
CREATE TABLE "new_Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "attachmentName" TEXT,
    "attachmentMimeType" TEXT,
    "attachmentSize" INTEGER,
    "attachmentKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Submission" ("id", "userId", "courseId", "enrolmentId", "assignmentId", "version", "text", "attachmentName", "attachmentMimeType", "attachmentSize", "attachmentKey", "status", "submittedAt")
SELECT s."id", s."userId", s."courseId", e."id", s."assignmentId", s."version", s."text", s."attachmentName", s."attachmentMimeType", s."attachmentSize", s."attachmentKey", s."status", s."submittedAt"
FROM "Submission" s JOIN "Enrolment" e ON e."userId" = s."userId" AND e."courseId" = s."courseId";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE UNIQUE INDEX "Submission_enrolmentId_assignmentId_version_key" ON "Submission"("enrolmentId", "assignmentId", "version");
CREATE INDEX "Submission_courseId_status_submittedAt_idx" ON "Submission"("courseId", "status", "submittedAt");
CREATE INDEX "Submission_userId_courseId_idx" ON "Submission"("userId", "courseId");

-- RedefineTable: Completion, one per enrolment
CREATE TABLE "new_Completion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "courseVersion" TEXT NOT NULL,
    "modality" TEXT NOT NULL DEFAULT 'online',
    "completedAt" DATETIME NOT NULL,
    CONSTRAINT "Completion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Completion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Completion_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Completion" ("id", "userId", "courseId", "enrolmentId", "courseVersion", "modality", "completedAt")
SELECT c."id", c."userId", c."courseId", e."id", c."courseVersion", c."modality", c."completedAt"
FROM "Completion" c JOIN "Enrolment" e ON e."userId" = c."userId" AND e."courseId" = c."courseId";
DROP TABLE "Completion";
ALTER TABLE "new_Completion" RENAME TO "Completion";
CREATE UNIQUE INDEX "Completion_enrolmentId_key" ON "Completion"("enrolmentId");
CREATE INDEX "Completion_courseId_completedAt_idx" ON "Completion"("courseId", "completedAt");
CREATE INDEX "Completion_userId_courseId_idx" ON "Completion"("userId", "courseId");

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "expiresAt" DATETIME;

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "country" TEXT NOT NULL,
    "names" JSONB NOT NULL,
    "position" INTEGER NOT NULL
);
CREATE INDEX "Region_country_position_idx" ON "Region"("country", "position");

-- Morocco's twelve regions (2015 division; ISO 3166-2:MA codes since 2019).
INSERT INTO "Region" ("id", "country", "names", "position") VALUES
    ('MA-01', 'MA', '{"fr":"Tanger-Tétouan-Al Hoceïma","ar":"طنجة تطوان الحسيمة","en":"Tangier-Tetouan-Al Hoceima"}', 1),
    ('MA-02', 'MA', '{"fr":"L''Oriental","ar":"الشرق","en":"Oriental"}', 2),
    ('MA-03', 'MA', '{"fr":"Fès-Meknès","ar":"فاس مكناس","en":"Fez-Meknes"}', 3),
    ('MA-04', 'MA', '{"fr":"Rabat-Salé-Kénitra","ar":"الرباط سلا القنيطرة","en":"Rabat-Sale-Kenitra"}', 4),
    ('MA-05', 'MA', '{"fr":"Béni Mellal-Khénifra","ar":"بني ملال خنيفرة","en":"Beni Mellal-Khenifra"}', 5),
    ('MA-06', 'MA', '{"fr":"Casablanca-Settat","ar":"الدار البيضاء سطات","en":"Casablanca-Settat"}', 6),
    ('MA-07', 'MA', '{"fr":"Marrakech-Safi","ar":"مراكش آسفي","en":"Marrakesh-Safi"}', 7),
    ('MA-08', 'MA', '{"fr":"Drâa-Tafilalet","ar":"درعة تافيلالت","en":"Draa-Tafilalet"}', 8),
    ('MA-09', 'MA', '{"fr":"Souss-Massa","ar":"سوس ماسة","en":"Souss-Massa"}', 9),
    ('MA-10', 'MA', '{"fr":"Guelmim-Oued Noun","ar":"كلميم واد نون","en":"Guelmim-Oued Noun"}', 10),
    ('MA-11', 'MA', '{"fr":"Laâyoune-Sakia El Hamra","ar":"العيون الساقية الحمراء","en":"Laayoune-Sakia El Hamra"}', 11),
    ('MA-12', 'MA', '{"fr":"Dakhla-Oued Ed-Dahab","ar":"الداخلة وادي الذهب","en":"Dakhla-Oued Ed-Dahab"}', 12);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "regionId" TEXT,
    "city" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organisation_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "Organisation_type_idx" ON "Organisation"("type");
CREATE INDEX "Organisation_regionId_idx" ON "Organisation"("regionId");
CREATE INDEX "Organisation_name_idx" ON "Organisation"("name");

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "Membership_organisationId_endedAt_idx" ON "Membership"("organisationId", "endedAt");
CREATE INDEX "Membership_userId_endedAt_idx" ON "Membership"("userId", "endedAt");
-- One current membership per person (partial index; see tests/setup/schema-compare.ts).
CREATE UNIQUE INDEX "Membership_one_current_key" ON "Membership"("userId") WHERE "endedAt" IS NULL;

-- CreateTable
CREATE TABLE "Profile" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "sex" TEXT,
    "ageBand" TEXT,
    "birthYear" INTEGER,
    "profession" TEXT,
    "regionId" TEXT,
    "city" TEXT,
    "nationality" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Profile_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "courseId" TEXT,
    "theme" TEXT,
    "modality" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "regionId" TEXT,
    "city" TEXT,
    "place" TEXT,
    "organiserId" TEXT,
    "trainers" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrainingSession_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TrainingSession_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TrainingSession_organiserId_fkey" FOREIGN KEY ("organiserId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "TrainingSession_startsAt_idx" ON "TrainingSession"("startsAt");
CREATE INDEX "TrainingSession_courseId_idx" ON "TrainingSession"("courseId");

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Attendance_sessionId_userId_key" ON "Attendance"("sessionId", "userId");
CREATE INDEX "Attendance_userId_idx" ON "Attendance"("userId");

-- CreateTable
CREATE TABLE "TrainingRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "courseId" TEXT,
    "theme" TEXT,
    "modality" TEXT NOT NULL,
    "completionId" TEXT,
    "attendanceId" TEXT,
    "validUntil" DATETIME,
    "organisationId" TEXT,
    "organisationType" TEXT,
    "sex" TEXT,
    "ageBand" TEXT,
    "profession" TEXT,
    "regionId" TEXT,
    "city" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrainingRecord_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingRecord_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TrainingRecord_completionId_fkey" FOREIGN KEY ("completionId") REFERENCES "Completion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TrainingRecord_attendanceId_fkey" FOREIGN KEY ("attendanceId") REFERENCES "Attendance" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingRecord_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TrainingRecord_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "TrainingRecord_completionId_key" ON "TrainingRecord"("completionId");
CREATE UNIQUE INDEX "TrainingRecord_attendanceId_key" ON "TrainingRecord"("attendanceId");
CREATE INDEX "TrainingRecord_year_month_idx" ON "TrainingRecord"("year", "month");
CREATE INDEX "TrainingRecord_occurredAt_idx" ON "TrainingRecord"("occurredAt");
CREATE INDEX "TrainingRecord_courseId_occurredAt_idx" ON "TrainingRecord"("courseId", "occurredAt");
CREATE INDEX "TrainingRecord_organisationId_occurredAt_idx" ON "TrainingRecord"("organisationId", "occurredAt");
CREATE INDEX "TrainingRecord_userId_idx" ON "TrainingRecord"("userId");

-- Completions already recorded become training records (online; nobody had a profile or an organisation yet).
INSERT INTO "TrainingRecord" ("id", "userId", "kind", "occurredAt", "year", "month", "courseId", "modality", "completionId", "createdAt")
SELECT 'trc_' || "id", "userId", 'completion', "completedAt", CAST(substr("completedAt", 1, 4) AS INTEGER), CAST(substr("completedAt", 6, 2) AS INTEGER),
       "courseId", "modality", "id", "completedAt"
FROM "Completion";

-- CreateTable
CREATE TABLE "SavedReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "schedule" TEXT NOT NULL DEFAULT 'none',
    "format" TEXT NOT NULL DEFAULT 'xlsx',
    "lastSentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SavedReport_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "SavedReport_ownerId_idx" ON "SavedReport"("ownerId");
CREATE INDEX "SavedReport_schedule_idx" ON "SavedReport"("schedule");

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "ApiToken_organisationId_idx" ON "ApiToken"("organisationId");

-- CreateTable
CREATE TABLE "DeletionRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    CONSTRAINT "DeletionRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeletionRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "DeletionRequest_status_requestedAt_idx" ON "DeletionRequest"("status", "requestedAt");
CREATE INDEX "DeletionRequest_userId_idx" ON "DeletionRequest"("userId");
