// Loads the names of kinds, groups and committee roles from locales/{zh,en}/kinds.ftl once, when first
// imported, and installs them in the domain's label module. The app, the bot, render and jest's setup
// import this module; everyone then names a kind through the one kindLabel (src/domain/tally/labels.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseKindNames, useKindNames } from "../domain/tally/labels.js";
import { localesDir } from "../paths.js";

const read = (lang: string) => readFileSync(path.join(localesDir, lang, "kinds.ftl"), "utf8");
useKindNames(parseKindNames({ zh: read("zh"), en: read("en") }));

export { committeeRoleLabel, groupLabel, kindLabel, kindsLabel } from "../domain/tally/labels.js";
