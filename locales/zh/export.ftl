export-usage = 用法：/export 或 /export 2023（导出某一年的台账表格）。
export-done = { $year }年台账，共{ $n }条记录。
