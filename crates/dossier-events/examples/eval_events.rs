//! Scorer lines in, scorer lines out, with quantities and events on bare text.
use dossier_core::Stage;

fn main() -> std::io::Result<()> {
    let quantities = dossier_quantities::QuantityStage::new();
    let events = dossier_events::EventStage::load();
    dossier_core::contract::run_text_lines(std::io::stdin().lock(), std::io::stdout().lock(), |d| {
        quantities.run(d);
        events.run(d);
    })
}
