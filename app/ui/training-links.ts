import type { LinksFunction } from "@remix-run/node";
import trainingCss from "~/styles/training.css?url";

/** The stylesheet of the cohort, session, attendance and import pages, linked only where they are used. */
export const trainingLinks: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
