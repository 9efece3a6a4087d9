"""Common given names, in many languages: a first word that says a run of capitals is a
person ('Gordon Brown', 'Angela Merkel'). General knowledge, not taken from any corpus.

A given name alone is no evidence: 'Jordan' and 'Georgia' are also places, so the rules in
`kinds.py` use it only as the first of two or more words.
"""

from __future__ import annotations

from newsdigest.text import word_list

GIVEN_NAMES = frozenset(
    word_list(
        """
    aaron abdul abdullah abraham adam adrian ahmad ahmed aidan alan albert alberto alex
    alexander alexandre alexei alexis alfred ali alice alicia alison alistair allan allen
    amanda amy ana anatoly andre andrea andreas andrei andrew andy angela angelo ann anna
    anne annie anthony antonio anwar arnold arthur ashley atal augusto barack barbara barry
    ben benazir benjamin bernard bernie beth betty bill billy bob bobby boris brad brandon
    brenda brian bruce bruno carl carla carlo carlos carol caroline catherine cathy charles
    charlie charlotte chris christian christina christine christopher chuck cindy claire
    clare claude clive colin craig cynthia dan daniel danny david dean deborah denis dennis
    derek diana diane dick dmitry dominic don donald donna doris doug douglas duncan dwight
    ed eddie edith edmund eduard eduardo edward elaine eleanor elizabeth ellen emily emma
    emmanuel enrique eric erich erik ernest ernst eugene eva evan fernando fidel fiona frances
    francesco francis francisco francois frank franz fred frederick gabriel gail gareth gary
    geoffrey george georges gerald gerard gerhard giovanni giulio giuseppe glen glenn gordon
    graham grant greg gregory guy hans harold harry hassan heather heinrich heinz helen
    helmut henri henry herbert hillary hiroshi hosni howard hugh hugo hussein ian igor imran
    ingrid irene isaac ivan jack jacob jacqueline jacques james jamie jan jane janet janice
    jason javier jean jeff jeffrey jennifer jeremy jerome jerry jessica jim jimmy joan joanna
    joe joel johann johannes john johnny jon jonathan jorge jose josef joseph joshua juan
    judith judy julia julian julie justin karen karl kate katherine kathleen kathryn keith
    kelly ken kenneth kevin khalid kim klaus kofi kurt larry laura lawrence lee leo leon
    leonard leonid lesley leslie lewis linda lisa liz louis louise lucy luis luiz lynn
    malcolm manuel marc marcel marco margaret maria marie mario mark martha martin mary
    matthew maurice max maxwell melissa michael michel michelle miguel mike mikhail mohamed
    mohammad mohammed muhammad nancy naomi natalie neil nelson nicholas nick nicola nicolas
    nigel nikita nikolai noah norman olga oliver omar oscar otto pamela patricia patrick paul
    paula pauline peter phil philip philippe pierre rachel rafael rajiv ralph ramon randy
    raul ray raymond rebecca richard rick rita rob robert roberto robin rodney roger roland
    ron ronald rose ross roy ruth ryan sally salman sam samantha samuel sandra sarah scott
    sean sebastian sergei sergey shaun sharon sheila shimon shinzo silvio simon sophie stanley
    stefan stephen steve steven stuart sue susan suzanne sylvia tanya ted terry theresa thomas
    tim timothy tina todd tom tommy tony tracy valerie vaclav victor victoria viktor vincent
    virginia vladimir walter wayne wendy werner will william willy wolfgang xavier yasser
    yasuhiro yitzhak yuri yves zbigniew
    """
    )
)
"""Lower-cased: compared with a name's first word lower-cased."""
