# npm run admin -- <command>：运维人员在服务器上使用的命令行工具。
admin-help =
    用法：npm run admin -- <命令>
      branches                                   列出全部支部（党员数、记录数）
      branch:create <支部名称> --secretary <Telegram 用户ID> [--name <书记姓名>]
                                                 创建支部并指定支部书记
      member:list <支部>                         列出支部党员（支部可写编号或名称）
      reminders:resend <支部> <YYYY-MM-DD>        补发当天主题党日提醒（已收到的不重复发送；需要 BOT_TOKEN）
      export <支部> <年份> <文件.xlsx>             导出某一年的台账表格
      --help                                     显示本说明
    数据库取自 DATABASE_URL（默认 file:./data/ledger.db）。输入有误时退出码为 2。
admin-unknown-command = 未知命令“{ $command }”。可用命令：branches、branch:create、member:list、reminders:resend、export（npm run admin -- --help 查看说明）。
admin-usage = 用法：npm run admin -- { $usage }
admin-bad-option = 参数有误：{ $detail }
admin-no-branch = 没有支部“{ $branch }”。用 npm run admin -- branches 查看全部支部及编号。
admin-ambiguous-branch = 有{ $n }个支部名为“{ $branch }”，请改用编号：{ $ids }。
admin-bad-telegram-id = Telegram 用户ID应为正整数（例如 123456789），收到“{ $value }”。
admin-bad-branch-name = 支部名称应为2至40个字符，收到“{ $value }”。
admin-branch-exists = 已有支部名为“{ $name }”（编号 { $id }）。
admin-branch-created = 已创建支部“{ $name }”（编号 { $id }），支部书记：Telegram 用户 { $telegramId }。书记向机器人发送 /start 即可开始使用。
admin-branches-none = 还没有支部。用 npm run admin -- branch:create <支部名称> --secretary <Telegram 用户ID> 创建。
admin-branches-header = 编号	支部名称	党员	记录	时区	创建日期
admin-members-none = 支部“{ $branch }”还没有党员。
admin-members-header = Telegram 用户ID	姓名	用户名	职务	状态
admin-member-status-active = 在册
admin-member-status-pending = 待审批
admin-member-removed-because = 已移出（{ $reason }）
admin-member-status-removed = 已移出
admin-bad-year = 年份应为四位数字（例如 2023），收到“{ $value }”。
admin-bad-xlsx = 导出文件名应以 .xlsx 结尾，且所在文件夹须已存在：“{ $value }”。
admin-exported = 已导出“{ $title }”，共{ $n }条记录：{ $file }
admin-bad-date = 日期应为 YYYY-MM-DD（例如 2024-03-15），收到“{ $value }”。
admin-resend-needs-token = 补发提醒需要机器人令牌：请设置 BOT_TOKEN（以及 TELEGRAM_API_ROOT，如使用自建 Bot API 服务）。
admin-resend-off = 支部“{ $branch }”未开启主题党日提醒（书记可在 /remind 中开启）。
admin-resend-not-theme-day = { $date }不是支部“{ $branch }”的主题党日；该月的主题党日是{ $themeDay }。
admin-resend-over = { $date }已经过去，补发提醒已无意义。
admin-resend-done = 已补发主题党日提醒：发送{ $sent }条，失败{ $failed }条，对方已屏蔽{ $blocked }条；{ $reached }人此前已收到，未重复发送。
