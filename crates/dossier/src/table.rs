//! Rows as an aligned text table or as JSON lines.

use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};

const MAX_CELL: usize = 80;

fn cell(v: &Value) -> String {
    let s = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > MAX_CELL {
        let cut: String = s.chars().take(MAX_CELL - 1).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Prints rows: one JSON object a line, or a table whose columns are the rows' fields.
pub fn print<T: Serialize>(out: &mut impl Write, json: bool, rows: &[T]) -> io::Result<()> {
    let values: Vec<Value> = rows
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
        .collect();
    if json {
        for v in &values {
            writeln!(out, "{v}")?;
        }
        return Ok(());
    }
    let Some(Value::Object(first)) = values.first() else {
        return writeln!(out, "(nothing)");
    };
    let columns: Vec<&String> = first.keys().collect();
    let grid: Vec<Vec<String>> = values
        .iter()
        .map(|v| {
            columns
                .iter()
                .map(|c| cell(v.get(c.as_str()).unwrap_or(&Value::Null)))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            grid.iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
                .max(c.len())
        })
        .collect();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(
        out,
        "{}",
        line(columns.iter().map(|c| c.to_string()).collect())
    )?;
    for row in grid {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}
