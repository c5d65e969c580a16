// Loads Prisma's schema engine compiled to WebAssembly. The native engine that the Prisma CLI
// downloads is unreachable offline; this is the same Rust code shipped on the npm registry.
// See docs/prisma-offline.md for the facts this relies on.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

type WasmBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type WasmExports = Record<string, unknown>;
// Node has WebAssembly; @types/node 20 does not declare it.
const WebAssemblyApi = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }> };
}).WebAssembly;

let bindings: Promise<WasmBindings> | undefined;

async function loadBindings(): Promise<WasmBindings> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const glue = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as WasmBindings & {
    __wbg_set_wasm(exports: WasmExports): void;
  };
  installPanicRegistry();
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssemblyApi.instantiate(bytes, { "./schema_engine_bg.js": glue as never });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/** Without this registry a Rust panic surfaces as an unreadable "unreachable" error. */
function installPanicRegistry(): void {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
  if (g.PRISMA_WASM_PANIC_REGISTRY) return;
  let message = "";
  g.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(m: string) {
      message = m;
    },
    get() {
      return message;
    },
  };
}

export async function createSchemaEngine(
  schemaPath: string,
  schemaText: string,
  adapterFactory: object,
  log: (line: string) => void = () => {},
): Promise<SchemaEngine> {
  bindings ??= loadBindings();
  const glue = await bindings;
  return glue.SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, log, adapterFactory);
}
