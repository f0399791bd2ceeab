package org.rplcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * JSON objects with their members in two small arrays rather than a hash map: most objects of a
 * FHIR resource (a coding, a reference, a period) have two to five members, for which a {@link
 * LinkedHashMap} allocates a table and an entry each: about 250 bytes for three members, against
 * about 100 in two arrays. An object
 * that grows past {@value CompactMap#ARRAY_MEMBERS} members moves to a hash map, so that a look-up
 * stays constant and reading an object stays linear in its size.
 */
final class CompactNodes extends JsonNodeFactory {

    private static final long serialVersionUID = 1L;

    static final CompactNodes INSTANCE = new CompactNodes();

    private CompactNodes() {
        super(false);
    }

    @Override
    public ObjectNode objectNode() {
        return new ObjectNode(this, new CompactMap());
    }

    /** Insertion-ordered members, in arrays up to {@value #ARRAY_MEMBERS}, then in a hash map. */
    static final class CompactMap extends AbstractMap<String, JsonNode> {

        static final int ARRAY_MEMBERS = 8;

        private String[] keys = new String[4];
        private JsonNode[] values = new JsonNode[4];
        private int size;
        private LinkedHashMap<String, JsonNode> hashed;

        @Override
        public int size() {
            return hashed != null ? hashed.size() : size;
        }

        @Override
        public boolean containsKey(Object key) {
            return hashed != null ? hashed.containsKey(key) : indexOf(key) >= 0;
        }

        @Override
        public JsonNode get(Object key) {
            if (hashed != null) {
                return hashed.get(key);
            }
            int index = indexOf(key);
            return index < 0 ? null : values[index];
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            if (hashed != null) {
                return hashed.put(key, value);
            }
            int index = indexOf(key);
            if (index >= 0) {
                JsonNode old = values[index];
                values[index] = value;
                return old;
            }
            if (size == ARRAY_MEMBERS) {
                hashed = new LinkedHashMap<>(ARRAY_MEMBERS * 4);
                for (int i = 0; i < size; i++) {
                    hashed.put(keys[i], values[i]);
                }
                keys = null;
                values = null;
                size = 0;
                return hashed.put(key, value);
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            size++;
            return null;
        }

        @Override
        public JsonNode remove(Object key) {
            if (hashed != null) {
                return hashed.remove(key);
            }
            int index = indexOf(key);
            if (index < 0) {
                return null;
            }
            JsonNode old = values[index];
            removeAt(index);
            return old;
        }

        @Override
        public void clear() {
            if (hashed != null) {
                hashed.clear();
                return;
            }
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return hashed != null ? hashed.entrySet() : new Entries();
        }

        private int indexOf(Object key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        private void removeAt(int index) {
            int moved = size - index - 1;
            System.arraycopy(keys, index + 1, keys, index, moved);
            System.arraycopy(values, index + 1, values, index, moved);
            size--;
            keys[size] = null;
            values[size] = null;
        }

        /** The members while they are in arrays; an entry's value is written through. */
        private final class Entries extends AbstractSet<Map.Entry<String, JsonNode>> {

            @Override
            public int size() {
                return CompactMap.this.size();
            }

            @Override
            public Iterator<Map.Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return hashed == null && next < size;
                    }

                    @Override
                    public Map.Entry<String, JsonNode> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        int index = last;
                        return new SimpleEntry<>(keys[index], values[index]) {
                            private static final long serialVersionUID = 1L;

                            @Override
                            public JsonNode setValue(JsonNode value) {
                                values[index] = value;
                                return super.setValue(value);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                    }
                };
            }
        }
    }
}
