import { InvalidLink } from "../refusals";

export default InvalidLink;
