import { InvalidLink } from "../refusals";

/** Where proxy.ts sends a portal page request whose link does not work (404). */
export default InvalidLink;
