import { tick } from "~/training/attendance.server";
import { db } from "./client.server";

/**
 * Demo workshops, so that a fresh install's reports have figures to show: a
 * workshop in Oujda in 2025 and a webinar in 2026, attended by people known
 * only from the attendance sheets (no account, no email) from the demo
 * association and a public institution. Attendance goes through the same
 * code as the sheet in the app, which writes the training records.
 */
type Attendee = { name: string; sex: "woman" | "man"; profession: "social_worker" | "police_gendarmerie" | "association_staff" | "public_servant" | "justice"; birthYear: number; institution: boolean };

const ATTENDEES: Attendee[] = [
  { name: "Fatima Zahra Bennis", sex: "woman", profession: "social_worker", birthYear: 1988, institution: false },
  { name: "Youssef Amrani", sex: "man", profession: "association_staff", birthYear: 1992, institution: false },
  { name: "Salma Idrissi", sex: "woman", profession: "social_worker", birthYear: 1995, institution: false },
  { name: "Hicham Tazi", sex: "man", profession: "police_gendarmerie", birthYear: 1984, institution: true },
  { name: "Nawal Cherkaoui", sex: "woman", profession: "association_staff", birthYear: 1990, institution: false },
  { name: "Rachid Ouazzani", sex: "man", profession: "police_gendarmerie", birthYear: 1979, institution: true },
  { name: "Imane Lahlou", sex: "woman", profession: "social_worker", birthYear: 1998, institution: false },
  { name: "Mehdi Berrada", sex: "man", profession: "public_servant", birthYear: 1986, institution: true },
  { name: "Khadija Sefrioui", sex: "woman", profession: "justice", birthYear: 1982, institution: true },
  { name: "Omar Filali", sex: "man", profession: "police_gendarmerie", birthYear: 1991, institution: true },
  { name: "Zineb Alaoui", sex: "woman", profession: "social_worker", birthYear: 1993, institution: false },
  { name: "Adil Naciri", sex: "man", profession: "public_servant", birthYear: 1975, institution: true },
  { name: "Houda Benjelloun", sex: "woman", profession: "association_staff", birthYear: 1997, institution: false },
  { name: "Samir Kettani", sex: "man", profession: "police_gendarmerie", birthYear: 1988, institution: true },
  { name: "Meryem Chraibi", sex: "woman", profession: "public_servant", birthYear: 1989, institution: true },
  { name: "Anas Bouzidi", sex: "man", profession: "social_worker", birthYear: 1994, institution: false },
];

const INSTITUTION = { name: "Délégation régionale de l'Entraide nationale — Oriental", type: "government", regionId: "MA-02", city: "Oujda" } as const;

export async function seedDemoTrainings(associationId: string, log: (line: string) => void = () => {}): Promise<number> {
  const institution = (await db.organisation.findFirst({ where: { name: INSTITUTION.name } })) ?? (await db.organisation.create({ data: { ...INSTITUTION } }));
  const people: string[] = [];
  for (const attendee of ATTENDEES) {
    const user = await db.user.create({
      data: {
        name: attendee.name,
        profile: { create: { sex: attendee.sex, profession: attendee.profession, birthYear: attendee.birthYear } },
        memberships: { create: { organisationId: attendee.institution ? institution.id : associationId, startedAt: new Date(Date.UTC(2024, 0, 1)) } },
      },
    });
    people.push(user.id);
  }
  const workshop = await db.trainingSession.create({
    data: {
      title: "Atelier régional : identifier et orienter les victimes de la traite",
      theme: "Identification et orientation des victimes de la traite",
      modality: "in_person",
      startsAt: new Date(Date.UTC(2025, 10, 18, 9)),
      endsAt: new Date(Date.UTC(2025, 10, 19, 16)),
      regionId: "MA-02",
      city: "Oujda",
      place: "Maison des associations",
      organiserId: associationId,
      trainers: "Karim El Idrissi",
    },
  });
  const webinar = await db.trainingSession.create({
    data: {
      title: "Webinaire : l'approche centrée sur la victime",
      theme: "Approche centrée sur la victime",
      modality: "webinar",
      startsAt: new Date(Date.UTC(2026, 2, 12, 14)),
      endsAt: new Date(Date.UTC(2026, 2, 12, 16)),
      organiserId: associationId,
      trainers: "Karim El Idrissi",
    },
  });
  let attendances = 0;
  for (const userId of people) if (await tick(workshop.id, userId)) attendances++;
  // Half of them came back for the webinar: one more training each, not one more person.
  for (const userId of people.filter((_, i) => i % 2 === 0)) if (await tick(webinar.id, userId)) attendances++;
  log(`  ${people.length} people from 2 organisations: ${attendances} attendances at a workshop and a webinar`);
  return attendances;
}
