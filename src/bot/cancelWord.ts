/** A typed answer that leaves a question: 取消, or cancel in any case. */
export const isCancelWord = (text: string): boolean => text === "取消" || text.toLowerCase() === "cancel";
