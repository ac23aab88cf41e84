// The namespaces of this language's catalog, one JSON file each (app/i18n/catalog.test.ts checks none is missing).
import admin from "./admin.json";
import api from "./api.json";
import assignment from "./assignment.json";
import auth from "./auth.json";
import certificates from "./certificates.json";
import cohorts from "./cohorts.json";
import common from "./common.json";
import completion from "./completion.json";
import courses from "./courses.json";
import importing from "./import.json";
import learning from "./learning.json";
import mail from "./mail.json";
import organisations from "./organisations.json";
import people from "./people.json";
import privacy from "./privacy.json";
import quiz from "./quiz.json";
import reports from "./reports.json";
import scorm from "./scorm.json";
import sessions from "./sessions.json";
import tracking from "./tracking.json";

export default { admin, api, assignment, auth, certificates, cohorts, common, completion, courses, import: importing, learning, mail, organisations, people, privacy, quiz, reports, scorm, sessions, tracking };
