/** The few words the bridge shows itself (page buttons, group set-up answers), from locales/ (wecom-*). */
import { I18n } from "@grammyjs/i18n";
import { localesDir } from "../../paths.js";

export interface Words {
  prev: string;
  next: string;
  choose: string;
  page(n: number, of: number): string;
  buttonsInApp(buttons: string): string;
  bindTooFew: string;
  bindFailed: string;
}

export function loadWords(locale: string): Words {
  const i18n = new I18n({ defaultLocale: "zh", directory: localesDir, fluentBundleOptions: { useIsolating: false } });
  const lang = locale === "en" ? "en" : "zh";
  const t = (key: string, vars?: Record<string, string>) => i18n.t(lang, key, vars);
  return {
    prev: t("wecom-page-prev"),
    next: t("wecom-page-next"),
    choose: t("wecom-choose"),
    page: (n, of) => t("wecom-page", { n: String(n), of: String(of) }),
    buttonsInApp: (buttons) => t("wecom-buttons-in-app", { buttons }),
    bindTooFew: t("wecom-bind-too-few"),
    bindFailed: t("wecom-bind-failed"),
  };
}
