# 企业微信 / 政务微信 bridge (src/server/wecom): words the bridge itself shows.
wecom-page-prev = 上一页
wecom-page-next = 下一页
wecom-page = 第{ $n }/{ $of }页
wecom-choose = 请选择：
wecom-buttons-in-app = （{ $buttons }：请在应用中操作）
wecom-bind-too-few = 建群需要至少两名已使用过本应用的支部成员。请先邀请党员加入支部，再发送 /bind；在此之前，提醒将逐一私信发给每名党员。
wecom-bind-failed = 未能创建支部群聊（本应用可能没有建群权限）。提醒将逐一私信发给每名党员。
