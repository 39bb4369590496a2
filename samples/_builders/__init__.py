"""Builders for the sample plans: one module per plan, plus the OOXML helpers they share."""
