# 活动类型、类别和支委分工的名称：卡片、/stats、/check、按钮、台账和文件都从这里取（src/i18n/kindNames.ts）。
# 只写简单的 名称 = 文字，不用 { }。

## kind-<kind>
kind-branch_committee = 支委会
kind-general_assembly = 党员大会
kind-group_meeting = 党小组会
kind-party_lecture = 党课
kind-theme_day = 主题党日
kind-org_life_meeting = 组织生活会
kind-member_review = 民主评议党员
kind-study = 理论学习
kind-briefing = 宣讲
kind-publicity = 宣传报道
kind-ideology_meeting = 意识形态专题会议
kind-integrity_education = 廉政教育
kind-integrity_meeting = 党风廉政专题会议
kind-talk = 谈心谈话
kind-volunteer = 志愿服务
kind-research = 调查研究
kind-disclosure = 党务公开
kind-other = 其他

## group-<group>: how /stats and the year-end summary group the kinds
group-political = 政治建设
# 三会一课、主题党日、组织生活会……：不全是三会一课。
group-organisation = 组织建设
group-business = 党建+业务
group-integrity = 党风廉政建设
group-other = 其他

## committee-role-<role>: a committee member's duty (支委分工)
committee-role-org = 组织委员
committee-role-pub = 宣传委员
committee-role-disc = 纪检委员
