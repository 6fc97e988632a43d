import { DEMO_GUARD } from "./shifts-data";

/** The demo roster: which post is guarded when, by whom, at each site (shifts.md). */

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

export type TemplateSeed = {
  post: string;
  name: string;
  days: number[];
  start: string;
  end: string;
  /** the guard's name, or null for a slot nobody holds (an open shift, a coverage risk) */
  guard: string | null;
  /** the assignment ends this many days from today (a gap in the roster ahead) */
  endsInDays?: number;
};

/** One row of the roster: post, slot name, days, local start and end, guard, `endsInDays`. */
function slot(
  post: string,
  name: string,
  days: number[],
  start: string,
  end: string,
  guard: string | null,
  endsInDays?: number,
): TemplateSeed {
  return {
    post,
    name,
    days,
    start,
    end,
    guard,
    ...(endsInDays === undefined ? {} : { endsInDays }),
  };
}

/** Per site (by name): its posts' slots. Sites not listed have no guards. */
export const ROSTER: Record<string, TemplateSeed[]> = {
  "Acme Chicago Hub": [
    slot("Front desk", "Day", WEEKDAYS, "07:00", "15:00", DEMO_GUARD.name),
    slot("Front desk", "Weekend day", WEEKEND, "07:00", "19:00", "Amara Okafor"),
    slot("Front desk", "Evening", EVERY_DAY, "15:00", "23:00", "Ben Carter"),
    slot("Yard patrol", "Night", EVERY_DAY, "22:00", "06:00", "Chloe Martin"),
    slot("Patrol", "Weekend evening", WEEKEND, "15:00", "23:00", DEMO_GUARD.name),
  ],
  "Acme Dallas Cross-Dock": [
    slot("Gatehouse", "Day", EVERY_DAY, "06:00", "18:00", "Diego Ramos"),
    slot("Gatehouse", "Night", EVERY_DAY, "18:00", "06:00", "Elif Demir", 4),
  ],
  "Acme Newark Port": [
    slot("Main gate", "Day", EVERY_DAY, "07:00", "15:00", "Finn Walsh"),
    slot("Main gate", "Evening", EVERY_DAY, "15:00", "23:00", "Grace Liu"),
    slot("Main gate", "Night", WEEKDAYS, "23:00", "07:00", "Caleb Stone"),
    // Grace works the weekend evening and night back to back: a coverage risk on the board
    slot("Main gate", "Weekend night", WEEKEND, "23:00", "07:00", "Grace Liu"),
    slot("Quay patrol", "Night", EVERY_DAY, "20:00", "04:00", "Hassan Ali"),
  ],
  "Summit Ashburn DC1": [
    slot("Security operations", "Day", EVERY_DAY, "06:00", "18:00", "Ines Costa"),
    slot("Security operations", "Night", EVERY_DAY, "18:00", "06:00", "Jonah Reed"),
    slot("Data hall", "Day", WEEKDAYS, "08:00", "16:00", "Kofi Mensah"),
  ],
  "Summit Phoenix DC2": [
    slot("Lobby", "Day", EVERY_DAY, "06:00", "18:00", "Lucia Romero"),
    slot("Lobby", "Night", EVERY_DAY, "18:00", "06:00", "Marek Nowak"),
  ],
  "Summit London DC3": [
    slot("Reception", "Day", EVERY_DAY, "07:00", "19:00", "Nadia Haddad"),
    slot("Reception", "Night", EVERY_DAY, "19:00", "07:00", "Omar Farouk"),
  ],
  "Summit Singapore DC4": [
    slot("Lobby", "Day", EVERY_DAY, "08:00", "20:00", "Paula Jensen"),
    slot("Lobby", "Night", EVERY_DAY, "20:00", "08:00", null),
  ],
  "Harbor General Hospital": [
    slot("Emergency entrance", "Day", EVERY_DAY, "07:00", "15:00", "Quinn Brooks"),
    slot("Emergency entrance", "Evening", EVERY_DAY, "15:00", "23:00", "Rosa Alvarez"),
    slot("Emergency entrance", "Night", EVERY_DAY, "23:00", "07:00", "Sven Larsen"),
    slot("Car park", "Evening", EVERY_DAY, "17:00", "01:00", "Tara Singh"),
  ],
  "Harbor Eastside Clinic": [
    slot("Front desk", "Clinic hours", WEEKDAYS, "08:00", "18:00", "Umar Sheikh"),
  ],
  "Lakeside High School": [
    slot("Main entrance", "School day", WEEKDAYS, "07:00", "16:00", "Vera Ionescu"),
    slot("Campus patrol", "Night", EVERY_DAY, "22:00", "06:00", "Wes Turner"),
  ],
  "Lakeside Elementary": [
    slot("Front office", "School day", WEEKDAYS, "07:30", "15:30", "Ximena Cruz"),
  ],
  "Meridian Mall Atlanta": [
    slot("Mall floor", "Opening hours", EVERY_DAY, "09:00", "21:00", "Yusuf Demir"),
    slot("Mall floor", "Night", EVERY_DAY, "21:00", "09:00", "Zoe Harper"),
  ],
  "Meridian Outlet Orlando": [
    slot("Car park", "Opening hours", EVERY_DAY, "10:00", "22:00", "Aiden Clarke"),
  ],
  "Riverside Park": [slot("Ranger station", "Day", EVERY_DAY, "08:00", "20:00", "Bianca Rossi")],
  "Portside Marina Berths": [
    slot("Marina office", "Day", EVERY_DAY, "06:00", "18:00", "Liam Nguyen"),
    slot("Marina office", "Night", EVERY_DAY, "18:00", "06:00", "Mia Thompson"),
  ],
  "Granite Tower Berlin": [slot("Lobby", "Office hours", WEEKDAYS, "07:00", "19:00", "Noah Kelly")],
};
