#!/usr/bin/env python3
"""Writes a deterministic corpus of transcript-like documents for Kith's
suggestion benchmark (and, small, for the correctness test against Python's
re): peer-research interviews with speaker turns and a header naming the
interviewer, some workshop notes and report excerpts; Word's curly
apostrophes in most documents, straight ones in the rest; a few Urdu, Punjabi,
Arabic and Polish lines. Residents say the things the bundled rules look for
at realistic rates (a few sentences in a hundred), interviewers ask about
them too (their turns are skipped), and near misses ("I don't feel safe",
"you're welcome", "safe to say") test the exclusions.

usage: gen-corpus.py OUT_DIR --docs N --megabytes M [--seed S]
"""
import argparse
import os
import random

PLACES = ["Smethwick", "Alum Rock", "Foleshill", "Whitmore Reans", "Handsworth", "Sparkbrook",
          "Bilston", "Tipton", "Walsall", "Netherton", "Brierley Hill", "Sedgley", "Lozells",
          "Hillfields", "Chelmsley Wood", "Kingstanding", "Small Heath", "Willenhall", "Wednesbury"]
INTERVIEWERS = ["Grace Obi", "Farah Hussain", "Tomasz Nowak", "Priya Sandhu", "Marek Kowalczyk",
                "Aisha Begum", "Daniel Reid", "Simran Kaur"]
RESIDENTS = ["Delroy Campbell", "Nasreen Akhtar", "Yusuf Al-Hassan", "Margaret Price", "Harjit Singh",
             "Agnieszka Wójcik", "Kwame Mensah", "Shabana Khan", "Patrick Doyle", "Fatima Ali",
             "Leanne Hughes", "Mohammed Rahman", "Joyce Williams", "Ionela Popescu", "Samir Haddad"]
JOBS = ["retired bus driver", "parent and school volunteer", "delivery driver", "care worker",
        "student", "shop assistant", "nurse", "carer for her mother", "taxi driver", "cleaner"]
VENUES = ["Smethwick Library", "the community centre", "the gurdwara hall", "a café on the high street",
          "the mosque's community room", "the family hub", "the church hall"]

NEUTRAL = [
    "I have lived on the same road for about {n} years",
    "we moved here from {place} when the kids were small",
    "my mum still lives round the corner",
    "the market is busy on a Saturday morning",
    "I work shifts at the warehouse by the canal",
    "the school is just at the end of the road",
    "the number 11 into town comes every twenty minutes",
    "the park gets busy when the weather is nice",
    "my husband works nights so I do the school run",
    "the high street has changed a lot over the years",
    "there used to be a bakery where the phone shop is now",
    "I take the dog along the canal most mornings",
    "the kids play football on the green after school",
    "my daughter is at college doing hair and beauty",
    "my son wants to be an electrician",
    "the rent went up again in January",
    "we do a big shop once a week at the supermarket",
    "I like it round here, it's home",
    "the doctor's surgery is a bit of a walk",
    "my sister comes over on a Sunday with her kids",
    "we have a garden but it's tiny",
    "the neighbours on the other side are quiet",
    "it was a lot quieter when we first came",
    "the traffic on the main road is terrible in the morning",
    "I help my mum with her shopping on a Thursday",
    "I think people are just busy with their own lives",
    "the council did the pavements last year",
    "we go to my aunty's for Eid every year",
    "my brother drives a taxi in {place}",
    "I feel tired most evenings after work",
    "the community has changed a lot since I was young",
    "I know most of the families on our side of the road",
    "there's a group of lads who hang about by the shops",
    "the school has a new head this year",
    "my youngest started nursery in September",
    "I grew up in {place} and came here after I got married",
    "it takes me forty minutes to get to work on the bus",
    "I used to work at the factory before it closed",
    "the library has computers you can use",
    "the old cinema on the corner has been there for a hundred years",
    "we had a street party for the Jubilee",
    "the corner shop stays open late",
    "I was never one for groups and clubs",
    "my grandson helps me with my phone sometimes",
    "the weather has been awful this year",
    "we mostly keep to ourselves on a weekday",
    "my neighbour's cat comes into our garden",
    "the bins get collected every other week",
    "it's not a bad place to bring up kids",
    "the new houses by the station went up quickly",
]
FILLERS = ["", "", "", "", "To be honest, ", "I mean, ", "Well, ", "You know, ", "Like I said, ",
           "Honestly, ", "I suppose ", "Yeah, "]
ENDINGS = ["", "", "", " really", " most days", " every week", " these days", " back then", " to be fair"]
SHORT = ["Yeah.", "It depends, really.", "That's just how it is.", "I suppose so.", "Not really.",
         "It's hard to say.", "Sometimes.", "Oh, definitely.", "I don't know, to be honest."]

# What residents say that the bundled rules are written for, and near misses.
OUTCOME = [
    "When my husband got ill I didn't know where to go for help",
    "I didn't know who to ask about the forms",
    "now I know where to go for help if I need it",
    "nobody told us about the advice centre",
    "I heard about it by word of mouth",
    "I didn't know there was a community centre until last year",
    "we found out we had a lot in common",
    "we're all in the same boat really",
    "at first I was nervous about meeting new people",
    "nobody makes the first move",
    "the tutor encouraged me to go back to college",
    "we have really patient volunteers",
    "nobody listens at the council",
    "we don't feel listened to by the housing people",
    "the headteacher listens",
    "it makes you feel like your voice doesn't count",
    "the whole street came together after the fire",
    "there's a real sense of community here",
    "I volunteer at the food bank on a Tuesday",
    "we did a litter pick along the canal",
    "I joined the walking group last spring",
    "she took me to the lunch club on a Wednesday",
    "the mela in the park was brilliant",
    "we went to a consultation about the park",
    "I rang the council three times about the lights",
    "I reported it and then nothing",
    "we have a WhatsApp group for the road",
    "I made some good friends at the coffee morning",
    "that's where I met most of my friends",
    "anyone can go, it's free",
    "the library cut its hours",
    "I feel welcome there",
    "it's a really friendly place",
    "I feel safe there",
    "the centre is a safe space for the women",
    "the youth club shut down last year",
    "the young ones have nowhere to go",
    "I go to the gurdwara most weeks",
    "I do a sewing class at the community centre",
    "the homework club is a lifesaver",
    "I used the food bank when my benefits stopped",
    "the women's group helped me fill in the forms",
    "I learned some Polish words from my neighbour",
    "there are so many different cultures on our road",
    "I was so lonely after my wife passed",
    "I sat in the house for months",
    "I feel like I belong here now",
    "in town I feel like an outsider",
    "nobody asks where you're from",
    "a man shouted at my wife on the bus",
    "I feel safe walking home now",
    "I don't feel safe in the park after dark",
    "the older ones get frightened",
    "they think it's not for people like us",
    "childcare stops me from going",
    "somebody came round to invite us personally",
    "the GP was brilliant with my mum",
    "we've been on the waiting list for months",
    "I play football with a mixed team",
    "the Polish family next door brought us food",
    "we celebrate Eid and Christmas together",
    "it's young and old together at the lunch",
    "my grandson showed me how to use WhatsApp",
    "everyone looks out for each other",
    "everyone knows everyone round here",
    "I went back to college at fifty",
    "I got my level 2 certificate last year",
    "I do an evening class at the college",
    "I go to English classes at the library",
    "some of the older ladies don't speak English",
    "in Alum Rock I can be myself",
    "I have to be careful what I wear in town",
    "the neighbours welcomed us when we arrived",
    "they made us feel part of the community",
    "the buses are always late and the fares went up",
    "the 94 is always late",
    "we're five in a two-bedroom flat and the damp is bad",
    "I found a job through the jobcentre",
    "I was an engineer in Aleppo but my papers count for nothing here",
    "a man at the mosque helped me find work",
    "my neighbour took me the first time",
    "the people there are so kind",
    "it would help if the groups were in our language",
    "I can't afford the bus every day",
    "the street lights have been out for weeks",
    "I don't trust the council any more",
    "we actually talk to each other now",
]
NEAR_MISS = [
    "you're welcome, it's no trouble",
    "it's safe to say the buses are worse",
    "I'm afraid I don't remember",
    "I don't feel safe on the bus at night",
    "I never feel welcome at the council offices",
    "it's a safe bet it'll rain",
    "my mum doesn't know where the remote is",
]
QUESTIONS = [
    "How long have you lived around here?", "What's changed for the better?", "And for the worse?",
    "Do you feel safe in the park?", "Is there anywhere you feel welcome?",
    "Who do you go to for help?", "Do you ever feel lonely?", "Do you feel listened to by the council?",
    "How did you hear about the group?", "What would help?", "Do you feel you belong here?",
    "Is there anything that stops people from taking part?", "Can you say more about that?",
    "What do you do in your spare time?", "Do you know your neighbours?", "Thank you, that's really helpful.",
]
FOREIGN = [
    "یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔ (Here everyone looks out for each other.)",
    "میں بہت اکیلا محسوس کرتا ہوں۔ (I feel very lonely.)",
    "مجھے کچھ پتہ نہیں تھا۔ (I had no idea.)",
    "ਅਸੀਂ ਉੱਥੇ ਜਾ ਕੇ ਕੀ ਕਰਾਂਗੇ? (What would we do there?)",
    "ਮੈਂ ਇਕੱਲੀ ਰਹਿੰਦੀ ਹਾਂ। (I live alone.)",
    "الحمد لله، الناس هنا طيبون. (Thank God, the people here are kind.)",
    "أشعر أن هذا بيتي الآن. (I feel this is my home now.)",
    "„Tu poznałam pierwszych przyjaciół w Anglii” (This is where I made my first friends in England.)",
    "Czuję się bezpiecznie w naszym sąsiedztwie. (I feel safe in our neighbourhood.)",
    "Po śmierci męża byłam bardzo samotna. (After my husband died I was very lonely.)",
]


def sentence(rng, curly):
    r = rng.random()
    if r < 0.025:
        s = rng.choice(OUTCOME)
    elif r < 0.031:
        s = rng.choice(NEAR_MISS)
    elif r < 0.08:
        return rng.choice(SHORT).replace("'", "’" if curly else "'")
    else:
        s = rng.choice(FILLERS) + rng.choice(NEUTRAL).format(n=rng.randint(3, 45), place=rng.choice(PLACES)) \
            + rng.choice(ENDINGS)
    s = s[0].upper() + s[1:] + rng.choice([".", ".", ".", ".", "!", "…"] if r < 0.09 else [".", ".", ".", "!"])
    return s.replace("'", "’") if curly else s


def interview(rng, index, target):
    curly = rng.random() < 0.6
    foreign = rng.random() < 0.12
    interviewer = rng.choice(INTERVIEWERS)
    resident = rng.choice(RESIDENTS)
    iname, rname = interviewer.split()[0], resident.split()[0]
    out = [f"Peer research interview {index:04d} — {rng.choice(PLACES)}\n",
           f"Interviewer: {interviewer} (peer researcher)\n",
           f"Participant: {resident}, {rng.randint(18, 85)}, {rng.choice(JOBS)}\n",
           f"Recorded at {rng.choice(VENUES)}, {rng.randint(1, 28)} March 2025\n\n"]
    size = sum(len(x.encode()) for x in out)
    t = rng.randint(3, 20)
    while size < target:
        q = rng.choice(QUESTIONS)
        line = f"[{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}] {iname}: {q.replace(chr(39), '’') if curly else q}\n"
        t += rng.randint(5, 30)
        answer = " ".join(sentence(rng, curly) for _ in range(rng.randint(2, 9)))
        if foreign and rng.random() < 0.15:
            answer += " " + rng.choice(FOREIGN)
        line += f"[{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}] {rname}: {answer}\n"
        t += rng.randint(20, 120)
        out.append(line)
        size += len(line.encode())
    return "".join(out)


def notes(rng, index, target):
    curly = rng.random() < 0.5
    out = [f"# Community conversation {index:04d}: {rng.choice(PLACES)}\n\n",
           f"**Facilitators:** {rng.choice(INTERVIEWERS)} and {rng.choice(INTERVIEWERS)}\n\n"]
    size = sum(len(x.encode()) for x in out)
    while size < target:
        if rng.random() < 0.1:
            line = f"\n## {rng.choice(['What people value', 'What gets in the way', 'Ideas', 'Follow-up'])}\n\n"
        else:
            line = "- " + " ".join(sentence(rng, curly) for _ in range(rng.randint(1, 3))) + "\n"
        out.append(line)
        size += len(line.encode())
    return "".join(out)


def report(rng, index, target):
    out = [f"Programme report {index:04d}: year {rng.randint(1, 5)}\n\n"]
    size = len(out[0])
    while size < target:
        para = " ".join(sentence(rng, False) for _ in range(rng.randint(3, 8))) + "\n\n"
        out.append(para)
        size += len(para.encode())
    return "".join(out)


def hard_wrap(text, rng):
    """A report as copied out of a PDF: lines broken near 72 columns, a page
    number every 50 lines."""
    width = rng.randint(64, 80)
    out, n = [], 0
    for para in text.split("\n\n"):
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                n += 1
                if n % 50 == 0:
                    out.append(f"\f{n // 50}")
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line + "\n")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--megabytes", type=float, required=True)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--wrapped", type=float, default=0.0,
                    help="share of documents that are hard-wrapped reports (import benchmark)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    mean = args.megabytes * 1_000_000 / args.docs
    for i in range(1, args.docs + 1):
        target = int(mean * rng.uniform(0.6, 1.4))
        kind = rng.random()
        # drawn only when asked for, so the suggestion corpus stays the same
        if args.wrapped > 0 and rng.random() < args.wrapped:
            text, ext = hard_wrap(report(rng, i, target), rng), "txt"
        elif kind < 0.85:
            text, ext = interview(rng, i, target), "txt"
        elif kind < 0.95:
            text, ext = notes(rng, i, target), "md"
        else:
            text, ext = report(rng, i, target), "txt"
        with open(os.path.join(args.out, f"doc-{i:04d}.{ext}"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
