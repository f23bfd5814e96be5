package io.cscartxero.refund;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroCreditNotes;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import tools.jackson.databind.JsonNode;

/**
 * The reverted-returns step's writer, for a chunk of {@code CREDIT_NOTE} links of returns whose refund CS-Cart no
 * longer has (the return moved out of a completed status: CS-Cart put the order back). Per chunk: one GET of the
 * credit notes by id (any status); for each one still AUTHORISED or PAID, first what Xero requires before a void
 * ("This document cannot be edited as it has a payment or credit note allocated to it"): each allocation deleted
 * ({@code DELETE /CreditNotes/{id}/Allocations/{allocationId}}, the invoice's AmountDue comes back) and each refund
 * payment deleted ({@code POST /Payments/{id}} Status DELETED); then all of the chunk's credit notes VOIDED in one
 * POST. The links go in the chunk transaction, so each credit note is voided exactly once: after a crash the credit
 * note is found VOIDED (or with nothing left to remove) and only its link goes. A return that was booked in its
 * invoice (no credit note) just loses its link. Refusals go to the error log; the link stays and is tried again.
 */
class CreditNoteVoider implements ItemWriter<SyncLink> {

    private final XeroCreditNotes xero;
    private final SyncRecorder recorder;
    private final StepExecution step;

    CreditNoteVoider(XeroCreditNotes xero, SyncRecorder recorder, StepExecution step) {
        this.xero = xero;
        this.recorder = recorder;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends SyncLink> chunk) {
        List<SyncLink> gone = new ArrayList<>();
        Map<SyncLink, String> refusals = new IdentityHashMap<>();
        List<SyncLink> withNote = chunk.getItems().stream().filter(l -> l.xeroId() != null).map(l -> (SyncLink) l)
                .toList();
        chunk.getItems().stream().filter(l -> l.xeroId() == null).forEach(gone::add);
        Map<String, JsonNode> notes = new HashMap<>();
        xero.byIds(withNote.stream().map(SyncLink::xeroId).toList())
                .forEach(c -> notes.put(c.path("CreditNoteID").asString(), c));
        List<SyncLink> voiding = new ArrayList<>();
        for (SyncLink link : withNote) {
            JsonNode note = notes.get(link.xeroId());
            String status = note == null ? "missing" : note.path("Status").asString();
            if (!status.equals("AUTHORISED") && !status.equals("PAID")) {
                gone.add(link); // voided before a crash, or removed in Xero
                continue;
            }
            String refused = unsettle(note);
            if (refused != null) {
                refusals.put(link, "credit note " + link.xeroKey() + " of a reverted return could not be voided: "
                        + refused);
                continue;
            }
            voiding.add(link);
        }
        List<XeroCreditNotes.Result> voided = xero.void_(voiding.stream().map(SyncLink::xeroId).toList());
        for (int i = 0; i < voiding.size(); i++) {
            if (voided.get(i).accepted()) {
                gone.add(voiding.get(i));
            } else {
                refusals.put(voiding.get(i), "credit note " + voiding.get(i).xeroKey()
                        + " of a reverted return could not be voided: " + voided.get(i).message());
            }
        }
        recorder.recordRemovals(step, chunk, gone, refusals, "CreditNoteNumber");
    }

    /** Deletes the credit note's allocations and refund payments; the first refusal, or null. */
    private String unsettle(JsonNode note) {
        String id = note.path("CreditNoteID").asString();
        for (JsonNode allocation : note.path("Allocations")) {
            if (allocation.path("IsDeleted").asBoolean(false)) continue;
            try {
                xero.deleteAllocation(id, allocation.path("AllocationID").asString());
            } catch (XeroApiException e) {
                return "its allocation to invoice " + allocation.path("Invoice").path("InvoiceNumber").asString("")
                        + " could not be deleted: " + e.getMessage();
            }
        }
        for (JsonNode payment : note.path("Payments")) {
            XeroCreditNotes.Result deleted = xero.deletePayment(payment.path("PaymentID").asString());
            if (!deleted.accepted()) return "its refund payment could not be deleted: " + deleted.message();
        }
        return null;
    }
}
