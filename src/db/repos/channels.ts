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
 * for their string ids, never reused; the callbacks already taken (dedupe) with the updates made
 * from them until the bot has them; and the cards sent, for paging and editing them later.
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
    /**
     * Records a callback key with the decrypted callback (JSON); false when it was taken before (a
     * retry or a replay). Stored before the channel is answered: what was answered is never lost.
     */
    async firstSight(key: string, callback?: string): Promise<boolean> {
      try {
        await prisma.channelInbound.create({ data: { key, ...(callback !== undefined ? { callback } : {}) } });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") return false;
        throw e;
      }
    },
    /** The updates made from a callback (each with its update_id); none made: taken at once. */
    async made(key: string, updates: readonly { update_id: number }[], now: Date): Promise<void> {
      const last = updates.reduce<number | null>((max, u) => (max === null || u.update_id > max ? u.update_id : max), null);
      await prisma.channelInbound.update({
        where: { key },
        data: { callback: null, updates: JSON.stringify(updates), lastUpdateId: last === null ? null : BigInt(last), handedAt: last === null ? now : null },
      });
    },
    /** The bot confirmed every update below `offset`: the callbacks that made them are done. */
    async handedBelow(offset: number, now: Date): Promise<number> {
      const { count } = await prisma.channelInbound.updateMany({ where: { handedAt: null, lastUpdateId: { lt: BigInt(offset) } }, data: { handedAt: now } });
      return count;
    },
    /**
     * What a restart resumes: the updates made but not yet taken by the bot (in update_id order),
     * the callbacks taken but not yet made into updates (oldest first, received before `takenBefore`),
     * and the highest update_id ever given (new ones must be higher).
     */
    async unfinished(takenBefore: Date): Promise<{ updates: string[]; callbacks: { key: string; callback: string }[]; lastUpdateId: number }> {
      const waiting = await prisma.channelInbound.findMany({ where: { handedAt: null, lastUpdateId: { not: null } }, orderBy: { lastUpdateId: "asc" }, select: { updates: true } });
      const unmade = await prisma.channelInbound.findMany({
        where: { updates: null, callback: { not: null }, receivedAt: { lt: takenBefore } },
        orderBy: { receivedAt: "asc" },
        select: { key: true, callback: true },
      });
      const max = await prisma.channelInbound.aggregate({ _max: { lastUpdateId: true } });
      return {
        updates: waiting.flatMap((r) => (r.updates ? [r.updates] : [])),
        callbacks: unmade.flatMap((r) => (r.callback ? [{ key: r.key, callback: r.callback }] : [])),
        lastUpdateId: Number(max._max.lastUpdateId ?? 0),
      };
    },
    /**
     * Forgets dedupe keys received before `before` whose updates the bot took (or that made none);
     * callbacks never made into updates are kept until `giveUpBefore`.
     */
    async forgetInboundBefore(before: Date, giveUpBefore: Date = before): Promise<number> {
      const { count } = await prisma.channelInbound.deleteMany({
        where: {
          receivedAt: { lt: before },
          OR: [{ handedAt: { not: null } }, { updates: null, callback: null }, { updates: null, receivedAt: { lt: giveUpBefore } }],
        },
      });
      return count;
    },
    /** A sent card's state (JSON), kept for paging and editing it after a restart. */
    async saveCard(channel: string, chatId: number, messageId: number, state: string, now: Date): Promise<void> {
      await prisma.channelCard.upsert({
        where: { channel_chatId_messageId: { channel, chatId, messageId } },
        create: { channel, chatId, messageId, state, savedAt: now },
        update: { state, savedAt: now },
      });
    },
    async card(channel: string, chatId: number, messageId: number): Promise<string | null> {
      const row = await prisma.channelCard.findUnique({ where: { channel_chatId_messageId: { channel, chatId, messageId } }, select: { state: true } });
      return row?.state ?? null;
    },
    async forgetCardsBefore(before: Date): Promise<number> {
      const { count } = await prisma.channelCard.deleteMany({ where: { savedAt: { lt: before } } });
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
