import type { Prisma } from "../client.js";

/** A branch as a channel bridge sees it when it creates the branch's group chat (/bind in WeCom). */
export interface BranchRoster {
  branchId: number;
  branchName: string;
  /** Numeric ids (Member.telegramId) of the active members. */
  memberIds: number[];
}

/**
 * Identities of people and group chats on channels other than Telegram (WeCom): stable numeric ids
 * for their string ids, never reused; and the callbacks already taken, for dedupe.
 */
export function channelsRepo(prisma: Prisma) {
  return {
    /** The numeric id of an external user, created on first sight; the name is kept current. */
    async userId(channel: string, externalId: string, name?: string): Promise<{ id: number; name: string | null }> {
      const row = await prisma.channelUser.upsert({
        where: { channel_externalId: { channel, externalId } },
        create: { channel, externalId, ...(name ? { name } : {}) },
        update: name ? { name } : {},
      });
      return { id: row.id, name: row.name };
    },
    /** The numeric ids of external users (created now if never seen; the bridge names them later). */
    async userIds(channel: string, externalIds: string[]): Promise<number[]> {
      const ids: number[] = [];
      for (const externalId of externalIds) {
        const row = await prisma.channelUser.upsert({ where: { channel_externalId: { channel, externalId } }, create: { channel, externalId }, update: {} });
        ids.push(row.id);
      }
      return ids;
    },
    async userById(channel: string, id: number): Promise<{ externalId: string; name: string | null } | null> {
      const row = await prisma.channelUser.findFirst({ where: { id, channel } });
      return row && { externalId: row.externalId, name: row.name };
    },
    async externalIds(channel: string, ids: number[]): Promise<Map<number, string>> {
      const rows = await prisma.channelUser.findMany({ where: { channel, id: { in: ids } } });
      return new Map(rows.map((r) => [r.id, r.externalId]));
    },
    /** A group chat's positive row id (the bot sees -id). */
    async chatId(channel: string, externalId: string, title: string): Promise<number> {
      const row = await prisma.channelChat.upsert({
        where: { channel_externalId: { channel, externalId } },
        create: { channel, externalId, title },
        update: { title },
      });
      return row.id;
    },
    async chatById(channel: string, id: number): Promise<{ externalId: string; title: string } | null> {
      const row = await prisma.channelChat.findFirst({ where: { id, channel } });
      return row && { externalId: row.externalId, title: row.title };
    },
    /** The next message id of a chat (a member's: id > 0, an app chat's: -id); never given twice. */
    async nextMessageId(chatId: number): Promise<number> {
      const row = chatId > 0
        ? await prisma.channelUser.update({ where: { id: chatId }, data: { lastMessageId: { increment: 1 } }, select: { lastMessageId: true } })
        : await prisma.channelChat.update({ where: { id: -chatId }, data: { lastMessageId: { increment: 1 } }, select: { lastMessageId: true } });
      return row.lastMessageId;
    },
    /** Records a callback key; false when it was taken before (a retry or a replay). */
    async firstSight(key: string): Promise<boolean> {
      try {
        await prisma.channelInbound.create({ data: { key } });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") return false;
        throw e;
      }
    },
    async forgetInboundBefore(before: Date): Promise<number> {
      const { count } = await prisma.channelInbound.deleteMany({ where: { receivedAt: { lt: before } } });
      return count;
    },
    /** The branch whose secretary `secretaryId` is (active branch first), with its active members. */
    async rosterOfSecretary(secretaryId: number): Promise<BranchRoster | null> {
      const member = await prisma.member.findUnique({ where: { telegramId: BigInt(secretaryId) }, select: { id: true, activeBranchId: true } });
      if (!member) return null;
      const led = await prisma.membership.findMany({
        where: { memberId: member.id, role: "secretary", status: "active" },
        select: { branchId: true, branch: { select: { name: true } } },
      });
      const pick = led.find((m) => m.branchId === member.activeBranchId) ?? led[0];
      if (!pick) return null;
      const members = await prisma.membership.findMany({
        where: { branchId: pick.branchId, status: "active" },
        select: { member: { select: { telegramId: true } } },
      });
      return { branchId: pick.branchId, branchName: pick.branch.name, memberIds: members.map((m) => Number(m.member.telegramId)) };
    },
  };
}

export type ChannelsRepo = ReturnType<typeof channelsRepo>;
