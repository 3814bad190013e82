"""Plan du labo and its versions, spectrums, écosystème, priorities, banque de temps (issue 6)."""
