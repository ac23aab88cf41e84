import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";
import { cohortOf, csvOf, organisation, unique } from "./test-fixtures";
import { validateImport } from "./validate.server";

/** The report an admin reads before anything is written: each problem with its row, its column as the file names it, and its values. */

const now = new Date("2026-05-01T10:00:00Z");
const validate = (text: string, target: Parameters<typeof validateImport>[1] = { kind: "people" }) => validateImport(csvOf(text), target, { client: db, now });

describe("validating an import file", () => {
  test("names the row, the column as written in the file, and what is wrong, for every row at once", async () => {
    const { report, plan } = await validate(
      [
        "Nom;E-mail;Téléphone;Sexe;Tranche d'âge;Région;Nationalité;Langue",
        "Salma Benali;salma@;06 12 34 56 78;femme;25-34;MA-02;MA;fr",
        ";karim@example.org;12345;homme;;Oriental;;",
        "Nadia;nadia@example.org;;licorne;40-49;Atlantide;Wakanda;klingon",
      ].join("\n"),
    );
    expect(plan).toBeNull();
    expect(report.problems).toEqual([
      { row: 2, column: "E-mail", code: "email", params: { value: "salma@" } },
      { row: 3, column: "Nom", code: "nameMissing" },
      { row: 3, column: "Téléphone", code: "phone", params: { value: "12345" } },
      { row: 4, column: "Sexe", code: "unknownValue", params: { value: "licorne", accepted: "woman, man, other, undisclosed" } },
      { row: 4, column: "Tranche d'âge", code: "ageBand", params: { value: "40-49" } },
      { row: 4, column: "Région", code: "region", params: { value: "Atlantide" } },
      { row: 4, column: "Nationalité", code: "nationality", params: { value: "Wakanda" } },
      { row: 4, column: "Langue", code: "unknownValue", params: { value: "klingon", accepted: "fr, ar, en" } },
    ]);
    expect(report.problemCount).toBe(8);
  });

  test("refuses a file without a name column, or with a column twice; ignores unknown columns with a warning", async () => {
    expect((await validate("email,phone\na@example.org,0612345678")).report.problems).toEqual([{ row: 1, column: null, code: "noNameColumn" }]);
    expect((await validate("name,Email,Courriel\nA,a@example.org,b@example.org")).report.problems).toEqual([
      { row: 1, column: "Courriel", code: "duplicateColumn", params: { first: "Email" } },
    ]);
    const { report, plan } = await validate("N°,name,Signature\n1,Amina,✍\n");
    expect(report.problems).toEqual([]);
    expect(report.warnings.map((w) => w.column)).toEqual(["N°", "Signature"]);
    expect(plan?.people).toHaveLength(1);
  });

  test("reads values in French, Arabic and English words as well as the codes", async () => {
    const { report, plan } = await validate(
      [
        "name,sex,age_band,profession,region,nationality,language,organisation,organisation_type",
        `Amina,امرأة,من 25 إلى 34,مساعدة اجتماعية,الشرق,المغرب,العربية,Jam'iyat ${unique()},جمعية`,
        `Karim,Homme,moins de 18 ans,Étudiant,Rabat-Salé-Kénitra,Sénégal,Français,Université ${unique()},université`,
        `John,man,65+,police officer,Fez-Meknes,sn,English,IOM ${unique()},international organisation`,
        `Leila,woman,31,social_worker,ma-9,MA,ar,Press ${unique()},media`,
      ].join("\n"),
    );
    expect(report.problems).toEqual([]);
    expect(plan!.people.map((p) => [p.create?.locale, p.profile])).toEqual([
      ["ar", { sex: "woman", ageBand: "from_25_to_34", profession: "social_worker", regionId: "MA-02", nationality: "MA" }],
      ["fr", { sex: "man", ageBand: "under_18", profession: "student", regionId: "MA-04", nationality: "SN" }],
      ["en", { sex: "man", ageBand: "from_65", profession: "police_gendarmerie", regionId: "MA-03", nationality: "SN" }],
      ["ar", { sex: "woman", ageBand: "from_25_to_34", profession: "social_worker", regionId: "MA-09", nationality: "MA" }],
    ]);
    expect(plan!.newOrganisations.map((o) => o.type)).toEqual(["civil_society", "academic", "international", "media"]);
  });

  test("reads a region with or without the word for region, and refuses one it does not know", async () => {
    const { report } = await validate("name,region\nAmina,جهة الشرق\nKarim,Région de l'Oriental\nSara,region Casablanca-Settat\nOmar,Atlantide\n");
    expect(report.problems).toEqual([{ row: 5, column: "region", code: "region", params: { value: "Atlantide" } }]);
    const { plan } = await validate("name,region\nAmina,جهة الشرق\nKarim,Région de l'Oriental\nSara,region Casablanca-Settat\n");
    expect(plan!.people.map((p) => p.profile.regionId)).toEqual(["MA-02", "MA-02", "MA-06"]);
  });

  test("derives the age band from a birth year, and refuses a band that contradicts it", async () => {
    const { report, plan } = await validate("name,birth_year,age_band\nA,1990,\nB,1990,18-24\nC,1850,\n");
    expect(report.problems).toEqual([
      { row: 3, column: "age_band", code: "ageBandMismatch", params: { value: "18-24", year: "1990" } },
      { row: 4, column: "birth_year", code: "birthYear", params: { value: "1850", latest: "2026" } },
    ]);
    expect(plan).toBeNull();
    const ok = await validate("name,birth_year\nA,1990\n");
    expect(ok.plan!.people[0].profile).toEqual({ birthYear: 1990, ageBand: "from_35_to_44" });
  });

  test("matches people by email, then by phone, and counts who would be created and matched", async () => {
    const byEmail = await createUser({ name: "Houda Email" });
    const byPhone = await db.user.create({ data: { name: "Omar Phone", phone: "+212612000111" } });
    const { report, plan } = await validate(
      ["name,email,phone", `Houda,${byEmail.email!.toUpperCase()},`, "Omar,,06 12 00 01 11", "Nouvelle Personne,new@example.org,0612000222"].join("\n"),
    );
    expect(report.problems).toEqual([]);
    expect(plan!.people.map((p) => [p.userId === byEmail.id, p.userId === byPhone.id, p.create?.name ?? null])).toEqual([
      [true, false, null],
      [false, true, null],
      [false, false, "Nouvelle Personne"],
    ]);
    expect(report.counts).toMatchObject({ rows: 3, created: 1, matched: 2 });
  });

  test("the email wins over the phone, and a matched person gets the phone they lacked unless someone else has it", async () => {
    const houda = await createUser({ name: "Houda" });
    const omar = await db.user.create({ data: { name: "Omar", phone: "+212612000333" } });
    const { plan } = await validate(`name,email,phone\nHouda,${houda.email},0612000333\n`);
    expect(plan!.people[0]).toMatchObject({ userId: houda.id, fill: {} });
    const free = await validate(`name,email,phone\nHouda,${houda.email},0612000444\n`);
    expect(free.plan!.people[0]).toMatchObject({ userId: houda.id, fill: { phone: "+212612000444" } });
    expect(omar.id).not.toBe(houda.id);
  });

  test("two rows that are the same person are refused, naming the first", async () => {
    const { report } = await validate("name,email,phone\nA,a@example.org,0612000555\nB,b@example.org,06 12 00 05 55\nC,A@example.org,\n");
    expect(report.problems).toEqual([
      { row: 3, column: null, code: "samePersonAs", params: { row: 2 } },
      { row: 4, column: null, code: "samePersonAs", params: { row: 2 } },
    ]);
  });

  test("matches organisations by name whatever the case; an unknown one needs its type", async () => {
    const amal = await organisation(`Association Amal ${unique()}`);
    const { report } = await validate(
      ["name,organisation,organisation_type", `A,${amal.name.toUpperCase()},`, "B,Fondation Inconnue,", "C,,media"].join("\n"),
    );
    expect(report.problems).toEqual([
      { row: 3, column: "organisation", code: "organisationUnknown", params: { value: "Fondation Inconnue" } },
      { row: 4, column: "organisation_type", code: "organisationTypeWithout" },
    ]);
    const ok = await validate(`name,organisation\nA,  ${amal.name.toLowerCase()}  \n`);
    expect(ok.plan!.people[0].organisationId).toBe(amal.id);
  });

  test("a cohort's capacity applies: the rows past it are refused before anything is written", async () => {
    const course = await catalogCourse(`cap-${unique()}`);
    const group = await cohortOf(course.id, { capacity: 2 });
    const { report, plan } = await validate("name,email\nA,a1@example.org\nB,b1@example.org\nC,c1@example.org\nD,d1@example.org\n", { kind: "cohort", cohortId: group.id });
    expect(plan).toBeNull();
    expect(report.problems).toEqual([
      { row: 4, column: null, code: "cohortFull", params: { capacity: 2 } },
      { row: 5, column: null, code: "cohortFull", params: { capacity: 2 } },
    ]);
    const ended = await cohortOf(course.id, { endsAt: new Date("2026-01-31T23:59:59Z") });
    expect((await validate("name\nA\n", { kind: "cohort", cohortId: ended.id })).report.problems).toEqual([
      { row: null, column: null, code: "cohortEnded", params: { date: "2026-01-31T23:59:59.000Z" } },
    ]);
  });
});
