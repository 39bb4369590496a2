"""Stage 2: map any plan layout onto canonical action records."""
