import type { RecordField } from "../../../domain/activity.js";
import type { Translate } from "./cards.js";

/** The card line naming the fields an edit changed. */
export function changedLine(t: Translate, changed: readonly RecordField[]): string {
  return changed.length ? t("log-edit-changed", { fields: changed.map((f) => t(`log-changed-${f}`)).join("、") }) : t("log-edit-unchanged");
}
