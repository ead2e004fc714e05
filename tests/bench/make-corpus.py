#!/usr/bin/env python3
"""Generates a deterministic corpus of interview transcripts for benchmarks:
make-corpus.py DIR MEGABYTES FILES. Fictional residents of real West Midlands
places; the phrases outcome rules look for appear at realistic rates."""
import os
import random
import sys

out, megabytes, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(2025)
places = ["Walsall", "Smethwick", "Alum Rock", "Foleshill", "Dudley", "Bilston", "Tipton",
          "Wednesbury", "Sutton Coldfield", "Solihull", "Whitmore Reans", "Brierley Hill"]
names = ["Amina", "Delroy", "Jaspreet", "Marek", "Nasreen", "Yusuf", "Grace", "Olena",
         "Priya", "Tomasz", "Beata", "Kamal", "Ruth", "Farah", "Ahmed", "Mei"]
filler = [
    "We moved here when the children were small and the street was quieter then.",
    "The bus into town takes forty minutes on a good day, longer when it rains.",
    "My neighbour keeps an eye on the house when we go to see family.",
    "There used to be a youth club at the end of the road but it closed years ago.",
    "On Saturdays the market is busy and you see everyone you know.",
    "The school has been good to my daughter, the teachers really listen.",
    "Prices have gone up so much that we think twice before going out.",
    "I work nights at the warehouse so I don't get to many of the daytime groups.",
    "The park has new benches but the lights are still broken near the gate.",
    "Most people round here have lived here for a long time.",
]
signals = [
    "I didn't know where to go for help.",
    "I feel safe there, everyone knows my name.",
    "Honestly I was lonely after my wife passed.",
    "Nobody listens at the council when you report things.",
    "I feel welcome at the centre, they never make you feel ashamed.",
    "I feel like I belong here now, this is home.",
    "We volunteer at the food bank on Thursdays.",
    "The walking group is where I met half the people I know.",
    "I don't feel safe walking through the park after dark.",
    "They helped me fill in the forms for my mother's care.",
]
target = megabytes * 1024 * 1024
per_file = target // files
os.makedirs(out, exist_ok=True)
for f in range(files):
    place = rng.choice(places)
    lines = [f"Peer research interview {f + 1:04d} — {place}", ""]
    size = 0
    speaker = rng.choice(names)
    while size < per_file:
        who = "Interviewer" if rng.random() < 0.3 else speaker
        sentences = [rng.choice(filler) for _ in range(rng.randint(1, 4))]
        if who != "Interviewer" and rng.random() < 0.25:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(signals))
        line = f"{who}: {' '.join(sentences)}"
        lines.append(line)
        size += len(line.encode()) + 1
    with open(os.path.join(out, f"interview-{f + 1:04d}.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
