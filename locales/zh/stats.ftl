## /stats
stats-bad-period = 未识别出时间段“{ $input }”：{ $reason }
    可以这样写：
    /stats 本月 · /stats 本季度 · /stats 今年 · /stats 去年
    /stats 2023 · /stats 2023-05 · /stats 2023-Q2
stats-reason-bad_format = 格式不对。
stats-reason-bad_year = 年份应在{ $min }–{ $max }之间。
stats-reason-bad_month = 月份应为1–12。
stats-reason-bad_quarter = 季度应为Q1–Q4。
stats-reason-bad_time_zone = 支部时区设置有误，请联系支部书记。
stats-own = 👤 我参加的：{ $events }次活动，{ $hours }学时
stats-members-title = 👥 党员参与情况（{ $period }，共{ $count }人）
stats-member-line = { $name }：{ $events }次 · { $hours }学时
stats-members-more = ……另有{ $count }人未列出，完整名单见 /members
stats-members-private = 👥 党员参与明细请私聊机器人发送 /stats 查看。
stats-chart-title = { $branch } { $year }年活动统计
stats-chart-caption = { $year }年各月活动次数（按类别，跨类活动分别计入各类）{ $own ->
    [yes] ，折线为您参加的次数
   *[no] {""}
}
stats-button-this_month = 本月
stats-button-last_month = 上月
stats-button-this_quarter = 本季度
stats-button-last_quarter = 上季度
stats-button-this_year = 今年
stats-button-last_year = 去年

## /check
check-bad-year = 未识别出年份“{ $input }”。可以这样写：/check（今年）或 /check 2023（年份在{ $min }–{ $max }之间）。
check-own-hours = 👤 您{ $year }年的集中学习学时：{ $hours }（要求不少于{ $required }学时）{ $self ->
    [0] {""}
   *[other] ；另自学{ $self }学时
}
check-rules-note = 规则默认依据《中国共产党支部工作条例（试行）》，频次和学时要求可由支部书记点“⚙️ 检查规则”按本支部规定调整。
check-button-settings = ⚙️ 检查规则
check-settings-title = ⚙️ 本支部检查规则
check-settings-help = 点按某项切换频次：每月 → 每季度 → 每年 → 不检查；学时要求在{ $hours }学时与不检查之间切换。改动立即保存。
check-settings-kind = { $kind }：{ $freq }
check-freq-monthly = 每月
check-freq-quarterly = 每季度
check-freq-yearly = 每年
check-freq-off = 不检查
check-settings-hours-on = 学时：每人每年不少于{ $hours }学时
check-settings-hours-off = 学时：不检查
check-settings-committee-auto = 支部委员会：按正式党员人数（7人以上设）
check-settings-committee-yes = 支部委员会：设
check-settings-committee-no = 支部委员会：不设（不检查支委会）
check-settings-selfstudy-off = 自学：不计入集中学习学时
check-settings-selfstudy-on = 自学：计入学时
check-settings-term-on = 换届：任期{ $years }年
check-settings-term-off = 换届：不检查
check-settings-done = ✅ 完成
check-settings-saved = ✅ 检查规则已保存，发送 /check 按新规则检查：

## /summary
summary-bad-year = 未识别出年份“{ $input }”。可以这样写：/summary（今年）或 /summary 2023（年份在{ $min }–{ $max }之间）。
summary-progress = ⏳ 正在生成{ $year }年党建工作总结初稿…
summary-appendix-in-file = 📎 台账附表共{ $count }行，见下方 .docx 文件。
summary-doc-caption = 📄 { $year }年党建工作总结（初稿），含台账附表。数字均取自台账{ $placeholders ->
    [yes] ；标【待补充】处请补充完善。
   *[no] 。
}
summary-empty = 📭 { $year }年台账中还没有记录，初稿各处均为【待补充】。
