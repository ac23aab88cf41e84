-- SCORM tracking (issue 9, docs/decisions/023-scorm-tracking.md): imported packages and the learners'
-- attempts at their SCOs. Attempts name the course, the SCORM lesson and the SCO's identifier, and record the
-- package they ran on, so a new version of a package keeps what learners did.

-- CreateTable
CREATE TABLE "ScormPackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "edition" INTEGER,
    "title" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "storedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedById" TEXT,
    CONSTRAINT "ScormPackage_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScormAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "scoId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "packageId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "cmi" TEXT NOT NULL DEFAULT '{}',
    "cmiSeqs" TEXT NOT NULL DEFAULT '{}',
    "commitSeq" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "lessonStatus" TEXT,
    "completionStatus" TEXT,
    "successStatus" TEXT,
    "scoreRaw" REAL,
    "scoreMin" REAL,
    "scoreMax" REAL,
    "scoreScaled" REAL,
    "progressMeasure" REAL,
    "sessionSeconds" REAL NOT NULL DEFAULT 0,
    "totalSeconds" REAL NOT NULL DEFAULT 0,
    "suspendDataLength" INTEGER NOT NULL DEFAULT 0,
    "exit" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "terminatedAt" DATETIME,
    CONSTRAINT "ScormAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScormAttempt_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScormAttempt_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScormAttempt_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ScormPackage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ScormPackage_sha256_key" ON "ScormPackage"("sha256");
CREATE INDEX "ScormPackage_uploadedById_idx" ON "ScormPackage"("uploadedById");
CREATE UNIQUE INDEX "ScormAttempt_enrolmentId_lessonId_scoId_number_key" ON "ScormAttempt"("enrolmentId", "lessonId", "scoId", "number");
CREATE INDEX "ScormAttempt_userId_courseId_idx" ON "ScormAttempt"("userId", "courseId");
CREATE INDEX "ScormAttempt_courseId_lessonId_scoId_idx" ON "ScormAttempt"("courseId", "lessonId", "scoId");
CREATE INDEX "ScormAttempt_packageId_idx" ON "ScormAttempt"("packageId");
