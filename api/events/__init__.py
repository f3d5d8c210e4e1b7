"""Events and gatherings: organisers, occurrences, registration with a waitlist, iCalendar feeds."""
