"""charter: the CSTO Charter's procedural rules as executable, cited rules."""
