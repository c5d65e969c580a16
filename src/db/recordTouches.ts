// The records this process has written, in order, so that a read kept record by record (keptReads'
// `facts`) reads again only those records instead of a whole period. Every write to the record tables
// goes through the activities repo, which notes the records once its transaction has ended; a write
// that is not noted shows as a count of the tables' writes the notes do not account for, and the kept
// facts are then read whole.

/** The tables a record is written to. */
export const RECORD_TABLES = ["Activity", "ActivityKind", "Attendance"] as const;

/** Notes kept: a few minutes of a busy branch; a kept read older than them is read whole. */
const NOTES = 512;

export class RecordTouches {
  private readonly notes: { seq: number; ids: readonly number[] }[] = [];
  /** Grows by one with every note. */
  seq = 0;
  /** The record tables' write count when the last note was taken. */
  private accounted: number;
  /** Reads kept from before this note cannot be brought up to date by the notes (a write was not noted). */
  private brokenAt = 0;

  /** `writes`: the connection's write count on RECORD_TABLES, now. */
  constructor(readonly writes: () => number) {
    this.accounted = writes();
  }

  /**
   * Records `ids` were written by a writer that started when the write count was `before` (its
   * transaction has ended, committed or not). A start past the last note's count means someone wrote
   * in between without a note.
   */
  note(ids: readonly number[], before: number): void {
    this.seq += 1;
    if (before > this.accounted) this.brokenAt = this.seq;
    this.notes.push({ seq: this.seq, ids });
    if (this.notes.length > NOTES) this.notes.shift();
    this.accounted = this.writes();
  }

  /**
   * The records noted after note `seq`, when every write to the record tables since then has been
   * noted; null when some write was not (or the notes no longer reach back that far).
   */
  since(seq: number): number[] | null {
    if (this.accounted !== this.writes() || seq < this.brokenAt) return null;
    if (seq === this.seq) return [];
    const first = this.notes[0];
    if (!first || first.seq > seq + 1) return null;
    const ids = new Set<number>();
    for (const n of this.notes) if (n.seq > seq) for (const id of n.ids) ids.add(id);
    return [...ids];
  }
}
