## 主题党日提醒 (/remind, /next, reminders sent by the scheduler)
remind-title = 🗓 主题党日提醒设置
remind-status-on = 状态：✅ 已开启
remind-status-off = 状态：未开启（点“开启提醒”后生效）
remind-rule = 规则：{ $rule }
remind-next-day = 下一次主题党日：{ $day }（{ $when }）
remind-nudge-on = 月底支委会提醒：开（本月未登记支委会时，月末最后一个工作日 17:00 提醒书记）
remind-nudge-off = 月底支委会提醒：关
remind-no-group = 注：本支部还没有绑定支部群，发到群里的提醒会改为私信每位党员。把我拉进支部群并发送 /bind 即可绑定。
# 企业微信 / 政务微信 (CHANNEL=wecom): the group chat is created by /bind sent to the app.
remind-no-group-wecom = 注：本支部还没有绑定支部群，发到群里的提醒会改为私信每位党员。在本应用中发送 /bind，即可建立支部群聊并绑定。
remind-closed-on = ✅ 主题党日提醒已开启。发送 /remind 可随时调整。
remind-closed-off = 主题党日提醒未开启。发送 /remind 可随时开启。

remind-button-pattern = 📅 日期
remind-button-holiday = 🏖 遇节假日
remind-button-offsets = ⏰ 提醒时间
remind-button-target = 📣 发送到
remind-button-followup = 📝 事后询问
remind-button-theme = 💬 主题
remind-button-nudge-on = 开启月底支委会提醒
remind-button-nudge-off = 关闭月底支委会提醒
remind-button-enable = ▶️ 开启提醒
remind-button-disable = ⏸ 暂停提醒
remind-button-done = ✅ 完成

remind-ask-pattern = 主题党日定在每月哪一天？
remind-pattern-dom = 每月固定日期（如每月15日）
remind-pattern-nth = 每月第几个星期几（如第一个周五）
remind-pattern-last = 每月最后一个工作日
remind-ask-day = 每月几日？（29—31日在小月取月末）
remind-ask-nth = 每月第几个？
remind-nth = { $n ->
    [0] 最后一个
    [1] 第一个
    [2] 第二个
    [3] 第三个
    [4] 第四个
   *[other] 第{ $n }个
}
remind-ask-weekday = 每月{ $nth }星期几？
remind-weekday = { $n ->
    [1] 周一
    [2] 周二
    [3] 周三
    [4] 周四
    [5] 周五
    [6] 周六
   *[7] 周日
}
remind-ask-holiday = 主题党日遇到周末或法定节假日（按国家公布的放假安排）时：
remind-holiday-keep = 照常举行
remind-holiday-next_workday = 顺延到下一个工作日
remind-holiday-previous_workday = 提前到上一个工作日
remind-ask-offsets = 什么时候提醒？
remind-offsets-0 = 提前3天 + 当天
remind-offsets-1 = 提前1天 + 当天
remind-offsets-2 = 仅当天
remind-offsets-3 = 不提醒
remind-time-before = 提前提醒 { $time }
remind-time-day = 当天提醒 { $time }
remind-ask-time-before = 提前提醒在几点发？
remind-ask-time-day = 当天提醒在几点发？
remind-ask-target = 提醒发到哪里？
remind-ask-target-nogroup = 提醒发到哪里？（还没有绑定支部群：选“支部群”时会私信每位党员）
remind-target-group = 支部群
remind-target-members = 私信每位党员
remind-target-both = 支部群 + 私信每位党员
remind-ask-followup = 主题党日之后，要不要问书记是否已登记？（已登记的不会再问）
remind-followup-0 = 当天 18:00 询问
remind-followup-1 = 次日 09:00 询问
remind-followup-2 = 不询问

remind-theme-ask = 请输入主题党日的主题（{ $max }字以内）。之后每次提醒都会带上它，直到您修改或清除；发送“无”清除主题，“取消”放弃。
remind-theme-too-long = 主题太长了（最多{ $max }字），没有保存。请重新点“主题”输入。
remind-theme-saved = 已保存主题：{ $theme }
remind-theme-cleared = 已清除主题。

remind-followup-button = 📝 记录主题党日
remind-followup-already = 这次主题党日已经登记过了，不需要再记。
remind-monthend =
    本月（{ $month }月）还没有登记支委会。支委会一般每月召开一次；如已召开，发一句话即可登记，例如：
    /log 今天 支委会 研究部署下月工作 实到5人

next-off = 本支部还没有开启主题党日提醒（支部书记可发送 /remind 设置）。
next-where-group = 提醒发送到支部群。
next-where-members = 提醒私信发给每位党员。
next-where-both = 提醒发送到支部群，并私信每位党员。
remind-paused-note = （提醒暂停中，不会发送）
next-status = 本次已到时间的提醒：已送达 { $sent } 条，待发送 { $pending } 条（发送中或稍后重试），未能送达 { $failed } 条（对方已屏蔽机器人或无法送达）。
next-not-sent = 本次 { $times } 的提醒在开启提醒之前已过时间，不再补发。
remind-missed-today = 注意：今天 { $times } 的提醒时间已过，这次不再补发；之后的提醒照常发送。
