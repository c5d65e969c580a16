// The Composer every feature is built on: grammY's, with `filter` (behind command, on, hears,
// callbackQuery, chatType …) testing its predicate in place. grammY's own goes through branch → lazy,
// which makes a Composer and several closures for every handler on every update, whether it matches or
// not: with a hundred handlers, a sixth of what an update allocated. Behaviour is grammY's:
// test/bot/featureComposer.test.ts runs the same handlers through both.
import { Composer, type Context, type Middleware } from "grammy";
import type { BotContext } from "./context.js";

class FeatureComposer<C extends Context> extends Composer<C> {}

function filter<C extends Context>(
  this: Composer<C>,
  predicate: (ctx: C) => boolean | Promise<boolean>,
  ...middleware: Middleware<C>[]
): Composer<C> {
  const inner = new FeatureComposer<C>(...middleware);
  // inner.middleware() is read per update: middleware added to `inner` later (feature.command(…).use(…)) runs too.
  this.use((ctx, next) => {
    const pass = predicate(ctx);
    if (pass instanceof Promise) return pass.then((yes) => (yes ? inner.middleware()(ctx, next) : next()));
    return pass ? inner.middleware()(ctx, next) : next();
  });
  return inner;
}
// Set on the prototype: restating filter's overloads in TypeScript would add nothing.
Object.defineProperty(FeatureComposer.prototype, "filter", { value: filter, writable: true, configurable: true });

/** A new feature: one Composer per feature. */
export function featureComposer(): Composer<BotContext> {
  return new FeatureComposer<BotContext>();
}
