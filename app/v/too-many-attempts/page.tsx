import { TooManyAttempts } from "../refusals";

/** Where proxy.ts sends a portal page request from an address past its miss limit (429). */
export default TooManyAttempts;
