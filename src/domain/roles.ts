// Roles and what each may do. Every command declares the permission it needs (src/bot/commands.ts).

export const ROLES = ["secretary", "committee", "group_leader", "member"] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | "use" // anyone, even without a branch
  | "branch.create"
  | "activity.log"
  | "activity.edit_any"
  | "stats.view"
  | "members.view"
  | "members.manage"
  | "invite.manage"
  | "summary.view"
  | "export"
  | "reminders.manage"
  | "group.bind";

const MEMBER: Permission[] = ["activity.log", "stats.view"];
const COMMITTEE: Permission[] = [...MEMBER, "activity.edit_any", "members.view", "invite.manage", "summary.view", "export"];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  member: new Set(MEMBER),
  group_leader: new Set(MEMBER),
  committee: new Set(COMMITTEE),
  secretary: new Set([...COMMITTEE, "members.manage", "reminders.manage", "group.bind"]),
};

/** Whether a member with this role (null: not in a branch) may do this. branch.create is decided by config. */
export function roleAllows(role: Role | null, permission: Permission): boolean {
  if (permission === "use" || permission === "branch.create") return true;
  return role !== null && GRANTS[role].has(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
