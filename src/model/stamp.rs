//! The fixed moment of a build, and the dates of the content format.

/// A fixed moment for reproducible output: `SOURCE_DATE_EPOCH` when set, else the
/// reader's date at midnight UTC, else 2000-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
    /// Hour.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

impl Stamp {
    /// The stamp of a build of a reader dated `date`: `from_env` (the moment
    /// `SOURCE_DATE_EPOCH` gives) when set.
    pub fn for_reader(date: Option<&str>, from_env: Option<Stamp>) -> Stamp {
        if let Some(stamp) = from_env {
            return stamp;
        }
        date.and_then(parse_date)
            .unwrap_or(Stamp::from_unix(946_684_800))
    }

    /// The moment a `SOURCE_DATE_EPOCH` value gives: seconds since 1970, or
    /// why it is not a moment.
    pub fn from_epoch(value: &str) -> Result<Stamp, String> {
        value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (0..=253_402_300_799).contains(s))
            .map(Stamp::from_unix)
            .ok_or_else(|| {
                format!(
                    "SOURCE_DATE_EPOCH `{value}` is not a number of seconds since 1970"
                )
            })
    }

    /// From seconds since 1970 (UTC).
    pub fn from_unix(secs: i64) -> Stamp {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Stamp {
            year,
            month,
            day,
            hour: (rem / 3600) as u8,
            minute: (rem % 3600 / 60) as u8,
            second: (rem % 60) as u8,
        }
    }

    /// Seconds since 1970.
    pub fn unix(&self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 9)
        } else {
            (i64::from(self.year), i64::from(self.month) - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, a date that exists (no February 30).
pub fn parse_date(s: &str) -> Option<Stamp> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let number = |p: &&str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())?
    };
    let year = number(parts.first()?, 4)?;
    let month = parts.get(1).map_or(Some(1), |m| number(m, 2))?;
    let day = parts.get(2).map_or(Some(1), |d| number(d, 2))?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (parts.len() <= 3 && (1..=days).contains(&day)).then_some(Stamp {
        year: year as i32,
        month: month as u8,
        day: day as u8,
        hour: 0,
        minute: 0,
        second: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Checks the calendar conversion both ways.
    #[test]
    fn unix_round_trip() {
        let s = Stamp::from_unix(1_788_220_800);
        assert_eq!((s.year, s.month, s.day), (2026, 9, 1));
        assert_eq!(s.unix(), 1_788_220_800);
        assert_eq!(parse_date("2026-09-01").unwrap().unix(), 1_788_220_800);
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("2026-9-1").is_none());
    }
}
