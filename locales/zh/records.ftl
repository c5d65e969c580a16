## /records and the 📄 会议记录 button
records-bad-year = 未识别出年份“{ $input }”。可以这样写：/records（今年）或 /records 2023（年份在{ $min }–{ $max }之间）。
records-empty = { $year }年暂无三会一课及主题党日记录，未生成会议记录。
records-caption = 📄 { $year }年会议记录，共{ $n }次会议，每次会议一页。{ $blanks ->
    [0] 各项均已填写。
   *[other] 台账未记载的{ $blanks }项留空，请据实手工填写，不作推测。
}
records-one-caption = 📄 会议记录。{ $blanks ->
    [0] 各项均已填写。
   *[other] 台账未记载的{ $blanks }项留空，请据实手工填写；决议、表决结果可点“✏️ 修改”补充。
}
log-button-minutes = 📄 会议记录
