## 通用 (common)
error-generic = 抱歉，处理时出了点问题，请稍后再试。如果一直出现，请联系支部书记。
error-busy = 系统繁忙，这条消息已收下，稍后将自动再试处理，无需重发。
error-bad-button = 这个按钮已失效或不属于您，请重新打开菜单。
not-allowed = 抱歉，您没有权限使用这个功能（需要：{ $who }）。
who-secretary = 支部书记
who-committee = 支部书记或支委委员
who-member = 支部党员
who-admin = 机器人管理员
not-in-branch = 您还没有加入任何支部。请向支部书记索取邀请链接，或发送 /start 邀请码 加入。
cancelled = 已取消。
button-cancel = 取消
button-back = 返回

## /start
start-hello = { $name ->
    [none] 您好！
   *[other] 您好，{ $name }！
}
start-welcome =
    我是支部台账助手。
    发一句话就能记一次活动，例如：
    “今天 支委会 研究部署年度党建工作 实到5人”
    我会自动统计次数和人次，检查“三会一课”是否落实，年底起草党建工作总结。
start-no-branch =
    您还没有加入支部：
    • 党员：请点支部书记发来的邀请链接，或发送 /start 邀请码
    • 支部书记：发送 /newbranch 支部名称 创建支部
start-in-branch = 当前支部：{ $branch }（{ $role }）。发送 /help 查看全部命令。

## /help
help-text =
    <b>支部台账助手 · 命令</b>
    /log 今天 支委会 研究部署年度党建工作 实到5人 — 一句话记一次活动
    /log — 分步记录（选类型、日期、参加人）
    /mine — 我最近的记录（修改、删除）
    /undo — 撤销我的上一条记录
    /stats 本季度 — 次数与人次统计（本月、本季度、今年、2023、2023-05、2023-Q2）
    /check 2023 — 制度落实检查：对照“三会一课”等制度查找缺项
    /next — 下一次主题党日及提醒
    /summary 2023 — 年度党建工作总结初稿（书记、支委）
    /records 2023 — 全年三会一课及主题党日会议记录（Word，每次会议一页；书记、支委）
    /export 2023 — 导出台账表格（书记、支委）
    /invite — 邀请党员加入（书记、支委）
    /members — 党员名单与参与情况（书记、支委）
    /remind — 主题党日提醒设置（书记）
    /newbranch 第一党支部 — 创建支部
    /name 李明 — 修改自己的姓名（支部书记可在 /members 中为党员改名）
    /lang — 切换语言 / switch language
    在私聊中直接发一句话，我也会识别并请您确认。

## /lang
lang-choose = 请选择语言 / Choose a language:
lang-set = 已切换为中文。

## 角色 (roles)
role-secretary = 支部书记
role-committee = 支委委员
role-group_leader = 党小组组长
role-member = 党员

## 命令菜单 (command menu)
cmd-start = 开始使用
cmd-help = 全部命令与示例
cmd-log = 记录一次活动
cmd-mine = 我的记录
cmd-undo = 撤销上一条记录
cmd-stats = 次数与人次统计
cmd-check = 制度落实检查
cmd-next = 下一次主题党日
cmd-summary = 年度总结初稿
cmd-records = 会议记录（Word）
cmd-export = 导出台账
cmd-invite = 邀请党员
cmd-members = 党员名单
cmd-remind = 提醒设置
cmd-newbranch = 创建支部
cmd-lang = 切换语言
cmd-bind = 绑定支部群

## 姓名 (name flow)
name-ask = 请告诉我您的真实姓名（用于台账记录，例如：张三）：
name-invalid = 姓名应为2到20个汉字或字母，请重新输入（或发送“取消”稍后再填）：
name-saved = 好的，{ $name }，已记下。发送 /log 记录活动，或 /help 查看全部命令。
name-later = 好的，之后可以再告诉我。

## 支部 (branches)
newbranch-usage = 请在命令后写支部名称，例如：/newbranch 第一党支部
newbranch-done =
    已创建支部「{ $branch }」，您是支部书记。
    下一步：
    • /invite 生成邀请链接，发给支部党员
    • 把我拉进支部群，在群里发送 /bind 绑定，提醒会发到群里
    • /remind 设置主题党日提醒
newbranch-done-wecom =
    已创建支部「{ $branch }」，您是支部书记。
    下一步：
    • /invite 生成邀请码，发给支部党员
    • 在本应用中发送 /bind，即为本支部创建支部群聊，提醒会发到群里
    • /remind 设置主题党日提醒
bind-done = 本群已绑定到「{ $branch }」，主题党日提醒和通知将发到这里。
bind-in-group = 请在支部群里发送 /bind（需要支部书记）。
branch-switched = 已切换到「{ $branch }」（{ $role }）。
branch-choose = 您在多个支部，请选择当前支部：

## 邀请与加入 (invites)
invite-created =
    「{ $branch }」邀请链接（{ $until } 前有效）：
    { $link }
    邀请码：{ $code }
    党员点开链接，或向我发送 /start { $code } 即可加入。{ $approval }
invite-created-wecom =
    「{ $branch }」邀请码（{ $until } 前有效）：{ $code }
    请支部党员在企业微信中进入本应用，发送 /start { $code }（或直接发送邀请码）即可加入。{ $approval }
invite-approval-on = 加入需书记审批。
invite-approval-off = 加入无需审批。
invite-approval-turn-on = 改为需要审批
invite-approval-turn-off = 改为无需审批
invite-revoke = 撤销此邀请
invite-revoked = 邀请已撤销，链接和邀请码不再有效。
invite-revoke-others = 撤销其他{ $n }个邀请
invite-others-revoked = 已撤销其他{ $n }个邀请，只有这个邀请仍然有效。
join-bad-code = 邀请码无效。请核对后重试，或向支部书记索取新的邀请链接。
join-revoked = 这个邀请已被撤销，请向支部书记索取新的邀请。
join-expired = 这个邀请已过期，请向支部书记索取新的邀请。
join-joined = 欢迎加入「{ $branch }」！发送 /log 记录活动，/help 查看全部命令。
join-pending = 已提交使用「{ $branch }」台账的申请，等待支部书记审批，审批后我会通知您。
join-already_member = 您已经是「{ $branch }」的成员。
join-already_pending = 您使用「{ $branch }」台账的申请正在等待审批。
join-request = { $who } 申请使用「{ $branch }」台账。
join-approve = 同意
join-reject = 拒绝
join-approved-by-you = 已同意 { $name } 使用本支部台账。
join-rejected-by-you = 已拒绝 { $name } 的申请。
join-already-decided = 这个申请已经处理过了。
join-approved = 您使用「{ $branch }」台账的申请已通过。发送 /help 查看全部命令。
join-rejected = 您使用「{ $branch }」台账的申请未通过，如有疑问请联系支部书记。

## 党员名单 (members)
members-title = 「{ $branch }」党员名单（{ $count }人），括号内为今年参加活动次数：
members-line = { $n }. { $name } · { $role }（{ $times }）
members-pending = 待审批：{ $names }
members-probationary = 预备党员
members-card = { $name }：{ $role }
members-make-committee = 设为支委
members-make-leader = 设为党小组组长
members-make-member = 改为普通党员（不任支委）
members-prob-on = 标记为预备党员
members-prob-off = 登记转正
members-set-group = 分配党小组
members-remove = 从名单移除（组织关系转出等）
members-remove-confirm = 确定把 { $name } 从本支部台账名单中移除吗？请选择原因（其已有记录会保留）：
members-remove-other = 其他
members-remove-reason-ask = 请输入移除原因（{ $min }至{ $max }个字，如“病故”“出党”），或发送“取消”：
members-remove-reason-bad = 移除原因应为{ $min }至{ $max }个字、不分行，请重新输入，或发送“取消”：
members-remove-choose = 请点击上方按钮选择移除原因，或发送“取消”。
members-removed-list = 已移出名单：{ $names }
members-question-closed = 这个问题已结束，请重新打开名单。
members-full-ask = 请输入 { $name } 转正的日期（如 2024年3月15日、2024-3-15、3月15日、今天）：
members-full-unreadable = 未识别出日期。请按“2024年3月15日”“2024-3-15”“3月15日”或“今天”的格式输入，或发送“取消”：
members-full-impossible = 没有这一天，请核对后重新输入：
members-full-future = 转正日期不能晚于今天，请重新输入：
members-full-before_joining = 转正日期不能早于其加入本支部台账的日期（{ $joined }），请重新输入：
members-full-done = 已登记转正（{ $date }）：{ $name } 现为正式党员。
members-full-since = { $date }转正
members-removed = 已把 { $name } 从名单中移除（原因：{ $reason }），其记录仍保留在台账中。
members-choose-title = { $name } 的支委分工：
members-title-none = 不设分工
members-group-ask = 请输入 { $name } 所在党小组的名称（现有：{ $groups }）；发送“无”表示不属于任何党小组，“取消”放弃：
members-group-set = 已把 { $name } 分到党小组：{ $group }
members-group-too-long = 党小组名称最多30个字，请重新打开名单设置。

## 记录活动 (logging)
log-example = 例如：/log 今天 支委会 研究部署年度党建工作 实到5人
log-hint =
    我未识别出这是哪类活动。记录活动请写明类型，例如：
    “昨天 主题党日 参观家风教育基地 12人参加”
    或发送 /log 分步记录，/help 查看全部命令。
log-problem-no_kind = 未识别出活动类型（如 支委会、党员大会、党课、主题党日、理论学习、志愿服务…）。
log-problem-no_date = 未识别出日期（如 今天、昨天、上周五、3月5日、2023-05-12）。
log-problem-impossible_date = 日期“{ $text }”不存在，请检查月份和日期。
log-problem-future_date = 日期“{ $text }”还没到，只能记录已经开展的活动。
log-problem-empty = 内容是空的。
log-saved = ✅ 已记录（#{ $id }）
log-already = ✅ 这条消息已记录（#{ $id }），不会重复计数。
log-merged = ✅ 已合并到同一次活动（#{ $id }）
log-updated = ✅ 已更新记录（#{ $id }）
log-tally = 本年累计：{ $items }
log-tally-item = { $kind } { $events }次、{ $personTimes }人次
log-confirm = 要记录这次活动吗？
log-same-event = 台账里同一天已有一条相似的记录，是同一次活动吗？（选“合并”会把参加人合并进去，不会重复计数）
log-cancelled = 已取消，没有保存。
log-gone = 这条记录已被删除，无法修改。
log-not-member = 您已不在该支部，这条记录没有保存。
log-edit-not-applied = 修改后的内容没能识别，记录保持不变：
log-button-save = ✅ 保存
log-button-save-changes = ✅ 保存修改
log-button-edit = ✏️ 修改
log-button-undo = ↩️ 撤销
log-button-merge = 是，合并
log-button-new = 不是，另记一条
log-button-skip = 跳过
log-button-done = 完成
log-button-done-n = 完成（{ $n }人）
log-button-all = 全选
log-today = 今天
log-yesterday = 昨天
log-day-before = 前天
log-ask-kind = 记录哪类活动？
log-ask-kinds = 点选这次活动的类型（可多选，如主题党日暨党课），然后点“完成”：
log-ask-date = 活动是哪天？点按钮，或直接输入（如 3月5日、上周五、2023-05-12）：
log-ask-title = 主题/议题是什么？（直接输入，或点“跳过”）
log-ask-people = 谁参加了？点选参加的党员，或直接输入人数（如 12，或 应到13 实到12）：
log-ask-location = 请输入地点：
log-ask-host = 请输入主持人：
log-ask-recorder = 请输入记录人：
log-ask-speaker = 请输入主讲人：
log-ask-hours = 请输入时长（小时），按1小时计1学时（如 2 或 1.5）：
log-ask-notes = 请输入备注（内容摘要、议题要点等）：
log-ask-observers = 请输入列席人员（如：入党积极分子赵六、群众代表李某）：
log-ask-resolutions = 请输入决议事项（会议作出的决定）：
log-ask-vote = 请输入表决结果，如“赞成12票，反对0票，弃权1票”；选举请注明“选举”；未表决请输入“未表决”：
log-vote-not-understood = 未识别出表决结果。请这样写：赞成12票，反对0票，弃权1票（选举请注明“选举”），或“未表决”。
log-review = 请核对：
log-review-edit = 修改记录：
log-review-hint = 点下面的按钮修改某一项；发送照片可附加到这条记录。
log-review-use-buttons = 请用下面的按钮选择要修改的项目。
log-need-kind = 请至少选择一个类型。
log-kind-not-understood = 未识别出“{ $text }”是哪类活动，请点按钮选择。
log-count-not-understood = 未识别出人数，请输入数字，如 12，或 应到13 实到12。
log-hours-not-understood = 时长应为 0 到 24 之间的小时数，如 2 或 1.5。
log-photo-added = 已附加照片（共{ $n }张）。
log-field-kinds = 类型
log-field-date = 日期
log-field-title = 主题
log-field-people = 人数
log-field-location = 地点
log-field-host = 主持人
log-field-recorder = 记录人
log-field-speaker = 主讲人
log-field-hours = 学时
log-field-notes = 备注
log-field-observers = 列席
log-field-resolutions = 决议
log-field-vote = 表决结果
photo-attached = 📷 照片已附加到这条记录（共{ $n }张）。

## 我的记录 (/mine, /undo)
mine-title = 我最近的 { $n } 条记录（✏️ 修改，🗑 删除）：
mine-empty = 您还没有记录。发送 /log 记录一次活动。
undo-done = 已删除：{ $what }
undo-restore = 恢复
undo-restored = 已恢复这条记录。

## 群聊 (group chats)
group-not-bound = 本群还没有绑定支部。请支部书记在群里发送 /bind 绑定。
group-not-member = 您不是本群所绑定支部的成员。
private-only = 为保护个人信息，{ $command } 请在与我的私聊中使用：https://t.me/{ $bot }
photo-hint = 要把照片附到某条记录上，请“回复”那条记录的卡片发送照片；也可以在照片说明里写一句活动描述，我会一起记录。
members-make-secretary = 移交书记管理权限
members-secretary-confirm = 确定把书记管理权限移交给 { $name } 吗？移交后您在台账中改为普通党员；如仍任支委，请新书记在名单中设为支委。
members-secretary-yes = 确定移交
members-secretary-done = 已把书记管理权限移交给 { $name }。您在台账中现为普通党员；如仍任支委，请新书记在名单中设为支委。
mine-show-branch = 📋 支部全部最近记录
mine-show-own = 👤 只看我的记录
mine-branch-title = 支部最近的 { $n } 条记录（✏️ 修改，🗑 删除）：
mine-branch-empty = 支部还没有记录。
log-flow-private = 分步记录和修改请在私聊中进行：https://t.me/{ $bot } 。在群里可以用一句话记录，例如：/log 今天 支委会 研究部署年度党建工作 实到5人
