# Names of the activity kinds, their groups and committee roles: cards, /stats, /check, buttons, the ledger and
# documents all take them from here (src/i18n/kindNames.ts). Plain `key = text` only, no { }.

## kind-<kind>
kind-branch_committee = Branch committee meeting
kind-general_assembly = General assembly of members
kind-group_meeting = Party group meeting
kind-party_lecture = Party lecture
kind-theme_day = Theme Party day
kind-org_life_meeting = Organisational life meeting
kind-member_review = Democratic appraisal of members
kind-study = Theory study
kind-briefing = Briefing
kind-publicity = Publicity report
kind-ideology_meeting = Ideology work meeting
kind-integrity_education = Integrity education
kind-integrity_meeting = Integrity work meeting
kind-talk = Heart-to-heart talk
kind-volunteer = Volunteer service
kind-research = Research and investigation
kind-disclosure = Party affairs disclosure
kind-other = Other

## group-<group>: how /stats and the year-end summary group the kinds
group-political = Political building
# 三会一课, 主题党日, 组织生活会…: not all of it is 三会一课.
group-organisation = Organisation
group-business = Party building + business
group-integrity = Integrity
group-other = Other

## committee-role-<role>: a committee member's duty (支委分工)
committee-role-org = Organisation committee member
committee-role-pub = Publicity committee member
committee-role-disc = Discipline inspection committee member
