//! Writers: functions of the checked model (and the formatted citations) to bytes.

pub mod book;
pub mod epub;
pub mod fonts;
pub mod pdf;
pub mod script;

use crate::model::Reader;

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
    /// The stamp of a build of `reader`.
    pub fn for_reader(reader: &Reader) -> Stamp {
        if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
        {
            return Stamp::from_unix(secs);
        }
        reader
            .date
            .as_deref()
            .and_then(parse_date)
            .unwrap_or(Stamp::from_unix(946_684_800))
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

/// `2016-05-19` → `May 19, 2016` (`2016-05` → `May 2016`); other text unchanged.
pub fn pretty_date(s: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<usize>().ok();
    match parts.as_slice() {
        [y, m, d] if num(y).is_some() => match (num(m), num(d)) {
            (Some(m @ 1..=12), Some(d @ 1..=31)) => format!("{} {d}, {y}", MONTHS[m - 1]),
            _ => s.to_string(),
        },
        [y, m] if num(y).is_some() => match num(m) {
            Some(m @ 1..=12) => format!("{} {y}", MONTHS[m - 1]),
            _ => s.to_string(),
        },
        _ => s.to_string(),
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn parse_date(s: &str) -> Option<Stamp> {
    let mut parts = s.trim().split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Stamp {
        year,
        month,
        day,
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
    }

    // Checks date display.
    #[test]
    fn pretty_dates() {
        assert_eq!(pretty_date("2016-05-19"), "May 19, 2016");
        assert_eq!(pretty_date("2016-05"), "May 2016");
        assert_eq!(pretty_date("Spring 2016"), "Spring 2016");
    }
}
