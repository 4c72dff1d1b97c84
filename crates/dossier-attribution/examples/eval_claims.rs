//! Reads scorer input lines on stdin, writes claims in the scorer's format on stdout and
//! the throughput on stderr.
//!
//! CLAIMS_MODEL=path measures a freshly trained model before it is embedded.
use dossier_core::Stage;
use std::cell::Cell;
use std::time::{Duration, Instant};

fn main() -> std::io::Result<()> {
    let model = match std::env::var("CLAIMS_MODEL") {
        Ok(path) => dossier_attribution::read_model(&std::fs::read(path)?)?,
        Err(_) => {
            dossier_attribution::read_model(include_bytes!("../../../models/claims/model.bin.gz"))?
        }
    };
    let stage = dossier_attribution::ClaimStage::from_model(model);
    let (tokens, spent) = (Cell::new(0usize), Cell::new(Duration::ZERO));
    dossier_core::contract::run_text_lines(
        std::io::stdin().lock(),
        std::io::stdout().lock(),
        |d| {
            let t = Instant::now();
            stage.run(d);
            spent.set(spent.get() + t.elapsed());
            tokens.set(tokens.get() + d.tokens.len());
        },
    )?;
    let secs = spent.get().as_secs_f64();
    eprintln!(
        "{} tokens in {secs:.2} s: {:.0} tokens/s",
        tokens.get(),
        tokens.get() as f64 / secs.max(1e-9)
    );
    Ok(())
}
