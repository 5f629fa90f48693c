package dev.framewire.core.engine;

/**
 * A node that was busy when a run was stopped, and the item it held.
 *
 * @param node     node name (a replica is named {@code node#i})
 * @param sequence the item's sequence number at that node
 * @param item     a short description of the item ({@code toString}, truncated)
 */
public record BusyItem(String node, long sequence, String item) {
    @Override
    public String toString() {
        return "'" + node + "' on item #" + sequence + " (" + item + ")";
    }

    /** The short description of an item that a {@link BusyItem} carries: its {@code toString}, at most 80 characters. */
    public static String describe(Object item) {
        String text;
        try {
            text = String.valueOf(item);
        } catch (RuntimeException e) {
            text = item.getClass().getSimpleName();
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
