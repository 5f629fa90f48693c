package dev.framewire.examples;

public final class FramewireCli {
    public static void main(String[] args) {
    }
}
