/** Shipping a box's journal to Kafka exactly once, and the fleet report merged from it. */
package io.ctscope.fleet;
