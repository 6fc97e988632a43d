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

/** Per site (by name): its posts' slots. Sites not listed have no guards. */
export const ROSTER: Record<string, TemplateSeed[]> = {
  "Acme Chicago Hub": [
    {
      post: "Front desk",
      name: "Day",
      days: WEEKDAYS,
      start: "07:00",
      end: "15:00",
      guard: DEMO_GUARD.name,
    },
    {
      post: "Front desk",
      name: "Weekend day",
      days: WEEKEND,
      start: "07:00",
      end: "19:00",
      guard: "Amara Okafor",
    },
    {
      post: "Front desk",
      name: "Evening",
      days: EVERY_DAY,
      start: "15:00",
      end: "23:00",
      guard: "Ben Carter",
    },
    {
      post: "Yard patrol",
      name: "Night",
      days: EVERY_DAY,
      start: "22:00",
      end: "06:00",
      guard: "Chloe Martin",
    },
    {
      post: "Patrol",
      name: "Weekend evening",
      days: WEEKEND,
      start: "15:00",
      end: "23:00",
      guard: DEMO_GUARD.name,
    },
  ],
  "Acme Dallas Cross-Dock": [
    {
      post: "Gatehouse",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Diego Ramos",
    },
    {
      post: "Gatehouse",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Elif Demir",
      endsInDays: 4,
    },
  ],
  "Acme Newark Port": [
    {
      post: "Main gate",
      name: "Day",
      days: EVERY_DAY,
      start: "07:00",
      end: "15:00",
      guard: "Finn Walsh",
    },
    {
      post: "Main gate",
      name: "Evening",
      days: EVERY_DAY,
      start: "15:00",
      end: "23:00",
      guard: "Grace Liu",
    },
    {
      post: "Main gate",
      name: "Night",
      days: WEEKDAYS,
      start: "23:00",
      end: "07:00",
      guard: "Caleb Stone",
    },
    // Grace works the weekend evening and night back to back: a coverage risk on the board
    {
      post: "Main gate",
      name: "Weekend night",
      days: WEEKEND,
      start: "23:00",
      end: "07:00",
      guard: "Grace Liu",
    },
    {
      post: "Quay patrol",
      name: "Night",
      days: EVERY_DAY,
      start: "20:00",
      end: "04:00",
      guard: "Hassan Ali",
    },
  ],
  "Summit Ashburn DC1": [
    {
      post: "Security operations",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Ines Costa",
    },
    {
      post: "Security operations",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Jonah Reed",
    },
    {
      post: "Data hall",
      name: "Day",
      days: WEEKDAYS,
      start: "08:00",
      end: "16:00",
      guard: "Kofi Mensah",
    },
  ],
  "Summit Phoenix DC2": [
    {
      post: "Lobby",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Lucia Romero",
    },
    {
      post: "Lobby",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Marek Nowak",
    },
  ],
  "Summit London DC3": [
    {
      post: "Reception",
      name: "Day",
      days: EVERY_DAY,
      start: "07:00",
      end: "19:00",
      guard: "Nadia Haddad",
    },
    {
      post: "Reception",
      name: "Night",
      days: EVERY_DAY,
      start: "19:00",
      end: "07:00",
      guard: "Omar Farouk",
    },
  ],
  "Summit Singapore DC4": [
    {
      post: "Lobby",
      name: "Day",
      days: EVERY_DAY,
      start: "08:00",
      end: "20:00",
      guard: "Paula Jensen",
    },
    { post: "Lobby", name: "Night", days: EVERY_DAY, start: "20:00", end: "08:00", guard: null },
  ],
  "Harbor General Hospital": [
    {
      post: "Emergency entrance",
      name: "Day",
      days: EVERY_DAY,
      start: "07:00",
      end: "15:00",
      guard: "Quinn Brooks",
    },
    {
      post: "Emergency entrance",
      name: "Evening",
      days: EVERY_DAY,
      start: "15:00",
      end: "23:00",
      guard: "Rosa Alvarez",
    },
    {
      post: "Emergency entrance",
      name: "Night",
      days: EVERY_DAY,
      start: "23:00",
      end: "07:00",
      guard: "Sven Larsen",
    },
    {
      post: "Car park",
      name: "Evening",
      days: EVERY_DAY,
      start: "17:00",
      end: "01:00",
      guard: "Tara Singh",
    },
  ],
  "Harbor Eastside Clinic": [
    {
      post: "Front desk",
      name: "Clinic hours",
      days: WEEKDAYS,
      start: "08:00",
      end: "18:00",
      guard: "Umar Sheikh",
    },
  ],
  "Lakeside High School": [
    {
      post: "Main entrance",
      name: "School day",
      days: WEEKDAYS,
      start: "07:00",
      end: "16:00",
      guard: "Vera Ionescu",
    },
    {
      post: "Campus patrol",
      name: "Night",
      days: EVERY_DAY,
      start: "22:00",
      end: "06:00",
      guard: "Wes Turner",
    },
  ],
  "Lakeside Elementary": [
    {
      post: "Front office",
      name: "School day",
      days: WEEKDAYS,
      start: "07:30",
      end: "15:30",
      guard: "Ximena Cruz",
    },
  ],
  "Meridian Mall Atlanta": [
    {
      post: "Mall floor",
      name: "Opening hours",
      days: EVERY_DAY,
      start: "09:00",
      end: "21:00",
      guard: "Yusuf Demir",
    },
    {
      post: "Mall floor",
      name: "Night",
      days: EVERY_DAY,
      start: "21:00",
      end: "09:00",
      guard: "Zoe Harper",
    },
  ],
  "Meridian Outlet Orlando": [
    {
      post: "Car park",
      name: "Opening hours",
      days: EVERY_DAY,
      start: "10:00",
      end: "22:00",
      guard: "Aiden Clarke",
    },
  ],
  "Riverside Park": [
    {
      post: "Ranger station",
      name: "Day",
      days: EVERY_DAY,
      start: "08:00",
      end: "20:00",
      guard: "Bianca Rossi",
    },
  ],
  "Portside Marina Berths": [
    {
      post: "Marina office",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Liam Nguyen",
    },
    {
      post: "Marina office",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Mia Thompson",
    },
  ],
  "Granite Tower Berlin": [
    {
      post: "Lobby",
      name: "Office hours",
      days: WEEKDAYS,
      start: "07:00",
      end: "19:00",
      guard: "Noah Kelly",
    },
  ],
};
